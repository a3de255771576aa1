"""What search engines read of a doctor's profile: schema.org JSON-LD, with only what every
visitor sees."""


def physician(absolute, doctor) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Physician",
        "name": doctor.display_name,
        "url": absolute(doctor.get_absolute_url()),
        "description": doctor.practice_line,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": doctor.city,
            "addressRegion": doctor.region,
            "addressCountry": doctor.country,
        },
    }
    if doctor.specialty_id:
        data["medicalSpecialty"] = doctor.specialty.name
    if doctor.headshot_key:
        data["image"] = absolute(doctor.headshot_large_url)
    if doctor.review_count:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": str(doctor.rating_average),
            "reviewCount": doctor.review_count,
            "bestRating": 5,
            "worstRating": 1,
        }
    return data
