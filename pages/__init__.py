"""The site's own pages: About, Privacy, Terms, and Contact, whose form writes to the team."""
