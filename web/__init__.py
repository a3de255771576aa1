"""What pages of several apps share: SEO and link-preview facts, schema.org JSON-LD pieces,
paging that stays cheap at any size, and the template tags for them. Imports no app."""
