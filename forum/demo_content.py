"""The demo questions: the sample page's question, and realistic others. Fictional askers."""

SAMPLE_QUESTION = {
    "asker": "Jasmine",
    "title": "Facial Pain After Two Treatments of Botox in Jaw?",
    "body": (
        "I had 50 units of botox done in December 2012, 25 on each side. Results were good and "
        "no facial pain. I then had 50 more units of botox done in March 2013, again 25 per "
        "side, and ever since then the jaw pain has got worse and my jaw and apples of my "
        "cheeks are too small now and my smile and overall face is distorted 3 months after. "
        "Is this reversible? I need my face to go back to the way it was . Is there anything I "
        "can do? I read after two consecutive treatments it can be permanent."
    ),
    "treatments": ["Botox", "Masseter reduction", "Jaw pain"],
    "photos": 1,
    "visibility": "everyone",
    "asked": "2013-06-18",
}

TREATMENT_DESCRIPTIONS = {
    "Botox": "Botulinum toxin injections relax chosen muscles for about three to four months: "
    "frown lines, crow's feet, jaw clenching and more.",
    "Masseter reduction": "Botox in the chewing muscles of the jaw to slim the lower face or "
    "ease clenching and grinding.",
    "Lip filler": "Hyaluronic acid filler that adds volume or shape to the lips; it can be "
    "dissolved with hyaluronidase.",
    "Rhinoplasty": "Surgery that reshapes the nose, for looks, breathing or both.",
    "Laser resurfacing": "Ablative and non-ablative lasers that treat wrinkles, scars and "
    "pigment by renewing the skin's surface.",
    "Tear trough filler": "Filler under the eyes for hollows and dark circles, a delicate "
    "area where technique matters.",
    "Blepharoplasty": "Eyelid surgery that removes or repositions skin and fat of the upper or "
    "lower lids.",
    "Microneedling": "Fine needles make controlled micro-injuries that prompt collagen, for "
    "acne scars and texture.",
    "Breast augmentation": "Implants or fat transfer to enlarge or reshape the breasts.",
    "Veneers": "Thin porcelain or composite shells bonded to the front of teeth.",
}

# (asker, title, body, treatments, photos, visibility, days ago)
QUESTIONS = [
    (
        "Marcus Webb",
        "Can Botox for jaw clenching change the shape of my smile?",
        "My dentist suggested 30 units per side for night grinding. I'm worried it will make my "
        "smile look odd or weaken my chewing. How often does that happen, and does it wear off?",
        ["Botox", "Masseter reduction"],
        0,
        "members",
        1,
    ),
    (
        "Lena Fischer",
        "Lumps in my lips two weeks after filler, is this normal?",
        "I had 1 ml of lip filler 14 days ago. There are two small firm lumps on the upper lip "
        "that I can feel more than see. No pain or redness. Will they settle or should I ask "
        "for massage or dissolving?",
        ["Lip filler"],
        2,
        "members",
        2,
    ),
    (
        "Tomás Rivera",
        "Breathing worse after rhinoplasty, 4 months post-op",
        "I had a closed rhinoplasty with a hump reduction. The outside looks good, but I breathe "
        "worse through the left side than before surgery, especially at night. Is this still "
        "swelling or could something have narrowed?",
        ["Rhinoplasty"],
        0,
        "members",
        3,
    ),
    (
        "Lena Fischer",
        "Part of my upper lip turned white an hour after filler",
        "I had lip filler this afternoon. Within an hour a patch of my upper lip turned white, "
        "and now it looks dusky and blotchy and hurts more than the injections did. Is this "
        "just swelling?",
        ["Lip filler"],
        0,
        "members",
        0,
    ),
    (
        "Aiko Tanaka",
        "How many laser sessions for acne scars on the cheeks?",
        "I have rolling and boxcar scars from teenage acne. One clinic offers fractional CO2 in "
        "one session, another offers five sessions of a non-ablative laser. Which is more likely "
        "to help, and what downtime should I plan for?",
        ["Laser resurfacing", "Microneedling"],
        1,
        "doctors",
        3,
    ),
    (
        "Grace Okoye",
        "Bluish tint under my eyes after tear trough filler",
        "Three weeks after tear trough filler I see a faint blue-grey shadow under both eyes, "
        "worse in daylight. Is this the Tyndall effect, and does it mean the filler is too "
        "shallow? What are the options?",
        ["Tear trough filler"],
        2,
        "doctors",
        4,
    ),
    (
        "Sam Patel",
        "Upper eyelid surgery: will insurance cover it if it blocks my vision?",
        "My upper lids hang over my lashes and I tilt my head back to read. I've heard a visual "
        "field test can show it is medical. What does that test involve and what counts?",
        ["Blepharoplasty"],
        0,
        "members",
        5,
    ),
    (
        "Jasmine",
        "Is it safe to have Botox while breastfeeding?",
        "My baby is 5 months old and I'm still breastfeeding. I used to have Botox for frown "
        "lines every four months. Should I wait until I stop, and is there any data either way?",
        ["Botox"],
        0,
        "everyone",
        6,
    ),
    (
        "Marcus Webb",
        "Veneers on only the front four teeth, will they match?",
        "I want veneers on my four upper front teeth but keep my own canines. My teeth are "
        "fairly yellow. Will the veneers look too white next to them, or should I whiten first?",
        ["Veneers"],
        0,
        "everyone",
        7,
    ),
    (
        "Lena Fischer",
        "Microneedling at home vs in clinic for fine lines",
        "Is a 0.5 mm home derma roller worth it, or is in-clinic microneedling a different "
        "thing? I have fine lines on my forehead and mild sun damage, skin type II.",
        ["Microneedling"],
        0,
        "everyone",
        8,
    ),
    (
        "Tomás Rivera",
        "Which implant size for a natural look at 5'4\"?",
        "I'm 5'4\" and about 125 lb with a 32A. I want to be a full B or small C and look "
        "natural. Surgeons quoted 275 cc to 350 cc. How do they decide, and does profile matter "
        "more than volume?",
        ["Breast augmentation"],
        0,
        "doctors",
        9,
    ),
    (
        "Aiko Tanaka",
        "Drooping eyebrow a week after forehead Botox",
        "I had forehead and frown-line Botox 8 days ago and my left eyebrow now sits lower and "
        "feels heavy. Is there anything that helps it recover faster, or do I wait it out?",
        ["Botox"],
        1,
        "members",
        10,
    ),
    (
        "Grace Okoye",
        "Can lip filler be dissolved if I hate the result?",
        "I'm nervous about getting lip filler for the first time. If I don't like how it looks, "
        "can it be dissolved completely, and is dissolving risky?",
        ["Lip filler"],
        0,
        "everyone",
        11,
    ),
    (
        "Sam Patel",
        "Swelling after lower eyelid surgery, how long?",
        "I'm 10 days after lower blepharoplasty with fat repositioning. The swelling is much "
        "better but my lower lids feel tight when I look up. How long until it settles?",
        ["Blepharoplasty"],
        1,
        "doctors",
        12,
    ),
    (
        "Jasmine",
        "Jaw still aches six months after masseter Botox",
        "The slimming effect of my masseter Botox has mostly gone but the ache around my jaw "
        "joint is back. Should I repeat it, or see someone about TMJ first?",
        ["Masseter reduction", "Jaw pain"],
        0,
        "members",
        13,
    ),
    (
        "Marcus Webb",
        "Red patches that won't fade after CO2 laser",
        "It's been 7 weeks since a fractional CO2 laser on my cheeks and I still have patchy "
        "redness. I use SPF every day. When should redness be gone, and what helps?",
        ["Laser resurfacing"],
        2,
        "doctors",
        14,
    ),
    (
        "Lena Fischer",
        "Revision rhinoplasty: how long should I wait?",
        "My first rhinoplasty left a pinched tip. The surgeon says wait a year before any "
        "revision. It's been 8 months. Why a year, and what should I look for in a revision "
        "surgeon?",
        ["Rhinoplasty"],
        0,
        "everyone",
        16,
    ),
    (
        "Tomás Rivera",
        "Composite or porcelain veneers for a chipped tooth?",
        "I chipped a front tooth and the dentist offers a composite veneer now or porcelain "
        "later. How long does each last, and does either harm the tooth more?",
        ["Veneers"],
        0,
        "everyone",
        18,
    ),
    (
        "Aiko Tanaka",
        "Microneedling with PRP, worth the extra cost?",
        "A clinic offers microneedling for acne scars for 250 or with PRP for 450. Does the PRP "
        "make a real difference to results?",
        ["Microneedling"],
        0,
        "everyone",
        20,
    ),
    (
        "Grace Okoye",
        "Capsular contracture signs after breast augmentation",
        "Two years after augmentation my right breast feels firmer and sits higher than the "
        "left. No pain. Could this be capsular contracture, and what are the grades?",
        ["Breast augmentation"],
        1,
        "doctors",
        22,
    ),
    (
        "Sam Patel",
        "Is Botox for sweating the same as cosmetic Botox?",
        "I sweat a lot from my armpits even in winter. Is Botox for sweating the same product and "
        "dose, and how long does it last?",
        ["Botox"],
        0,
        "everyone",
        24,
    ),
    (
        "Jasmine",
        "Tear trough filler or lower eyelid surgery for bags?",
        "I'm 41 with puffy bags and a hollow below them. One doctor says filler, another says "
        "surgery. How do doctors decide which one fits?",
        ["Tear trough filler", "Blepharoplasty"],
        0,
        "members",
        26,
    ),
    (
        "Marcus Webb",
        "Lip filler migrated above my lip line",
        "A year after my last lip filler I notice a puffy ridge above my upper lip line. I was "
        "told it's migration. Does it need dissolving before I get more?",
        ["Lip filler"],
        1,
        "members",
        28,
    ),
    (
        "Lena Fischer",
        "Numb nose tip after rhinoplasty",
        "Five months after open rhinoplasty the tip of my nose is still numb. Is sensation likely "
        "to come back?",
        ["Rhinoplasty"],
        0,
        "everyone",
        30,
    ),
    (
        "Tomás Rivera",
        "Laser for melasma, good idea or not?",
        "I have melasma on my cheeks and upper lip. Some say lasers make it worse. Is there a "
        "laser that is safe for melasma, or should I stick to creams?",
        ["Laser resurfacing"],
        0,
        "everyone",
        33,
    ),
    (
        "Aiko Tanaka",
        "Teeth sensitive after veneer preparation",
        "I have temporary veneers while the porcelain ones are made, and my teeth are very "
        "sensitive to cold. Is this normal and will it stop once the final veneers are on?",
        ["Veneers"],
        0,
        "members",
        36,
    ),
    (
        "Grace Okoye",
        "Masseter Botox made my cheeks look hollow",
        "After my third round of masseter Botox my face looks narrower but my cheeks seem sunken "
        "and I look tired. Is this the Botox, and will it recover if I stop?",
        ["Masseter reduction", "Botox"],
        1,
        "members",
        40,
    ),
    (
        "Sam Patel",
        "Asymmetric eyelids after upper blepharoplasty",
        "Six weeks after upper eyelid surgery my right crease is visibly higher than my left. "
        "Is this swelling or will it need a touch-up?",
        ["Blepharoplasty"],
        1,
        "doctors",
        44,
    ),
    (
        "Jasmine",
        "How long after lip filler can I fly?",
        "I have a flight three days after my lip filler appointment. Is flying a problem for "
        "swelling or bruising?",
        ["Lip filler"],
        0,
        "everyone",
        48,
    ),
    (
        "Marcus Webb",
        "Implant rippling, fat grafting or new implants?",
        "I can see rippling on the sides of my saline implants when I lean forward. Would fat "
        "grafting help or should I switch to silicone under the muscle?",
        ["Breast augmentation"],
        0,
        "doctors",
        52,
    ),
    (
        "Lena Fischer",
        "Microneedling made my skin break out",
        "Four days after my first microneedling session I have small whiteheads all over my "
        "cheeks. Is this purging or a reaction, and should I continue?",
        ["Microneedling"],
        0,
        "members",
        56,
    ),
]

# The sample page's four answers, word for word, by invented doctors: (doctor, headline, body).
SAMPLE_ANSWERS = [
    (
        "Marco Bellini",
        "Facial Pain After Two Treatments of Botox in Jaw?",
        "Botox is not permanent. It should be wearing off soon.  Once it wears off completely, the "
        "muscle will return to their normal function and your smile and cheeks should return to "
        "the way they were pre-Botox.",
    ),
    (
        "Elliot Varga",
        "Botox is never permanent",
        "By nature, Botox is simply not permanent, ever. If you have 2 treatments, or if you "
        "have 22 "
        "consecutive treatments, you will always have to continue to do them to maintain results. "
        "In your case, since you don't want the results, if you simply stop the treatments things "
        "will go back to the way they were before.",
    ),
    (
        "Helena Brandt",
        "Will Botox cause permanent change?",
        "Jasmine, If you do not use Botox for a while you will go back to your former state as it "
        "will wear off and your muscles will plump up again  as they are used.",
    ),
    (
        "Adrian Kessler",
        "Botox and masseter treatments",
        "Masseter reduction via cosmetic Botox isn't permanent, in fact the product is temporary "
        "and will wear off. Be sure to discuss your concerns with your provider prior to receiving "
        "treatments so you are informed of the risks associated, which are very few.",
    ),
]

# Answers to other demo questions: (question title, doctor, headline, body).
OTHER_ANSWERS = [
    (
        "Can Botox for jaw clenching change the shape of my smile?",
        "Adrian Kessler",
        "Usually not, when the dose stays in the masseter",
        "Masseter injections sit behind the smile muscles, so the smile itself rarely changes. A "
        "dose placed too far forward can affect the risorius and give an uneven smile for a few "
        "weeks. It wears off; ask your injector to map the muscle while you clench.",
    ),
    (
        "Lumps in my lips two weeks after filler, is this normal?",
        "Nora Lindqvist",
        "Small lumps at two weeks often settle",
        "Firm, painless lumps at two weeks are usually filler that has not fully integrated or "
        "mild "
        "swelling. Gentle massage as your injector shows you can help. If they persist past four "
        "weeks, a small dose of hyaluronidase can dissolve them. Redness, heat or pain are reasons "
        "to be seen the same day.",
    ),
    (
        "Drooping eyebrow a week after forehead Botox",
        "Elliot Varga",
        "A heavy brow usually improves in a few weeks",
        "When the forehead muscle is relaxed too low, the brow can feel heavy. It improves as the "
        "Botox wears off, often within 3 to 6 weeks. Sometimes a few units in the muscles that "
        "pull "
        "the brow down can lift it slightly; see your injector to check whether that fits.",
    ),
    (
        "Bluish tint under my eyes after tear trough filler",
        "Owen Marsh",
        "This sounds like the Tyndall effect",
        "A blue-grey shadow after tear trough filler is typical of filler placed too "
        "superficially. "
        "It does not go away on its own quickly, but hyaluronidase dissolves it reliably. Once it "
        "has settled, filler can be placed deeper on the bone if you still want it.",
    ),
    (
        "Veneers on only the front four teeth, will they match?",
        "Priya Raman",
        "Whiten first, then match the veneers",
        "Veneers don't change colour, but your natural teeth can be whitened. Most dentists whiten "
        "first, wait two weeks for the shade to settle, and then make the veneers to match. That "
        "way the four veneers and the canines look like one smile.",
    ),
    (
        "Jaw still aches six months after masseter Botox",
        "Helena Brandt",
        "Have the jaw joint checked before another round",
        "If the ache returned as the Botox wore off, the clenching is likely the cause and another "
        "treatment may help. A dentist or doctor who treats the jaw joint should examine you "
        "first, "
        "as a night guard and treatment of the joint can matter as much as the injections.",
    ),
    (
        "Masseter Botox made my cheeks look hollow",
        "Helena Brandt",
        "Hollowing usually fills back in as the Botox wears off",
        "When the masseter relaxes, the lower cheek can look flatter, and in some faces the area "
        "above it looks hollow. It is not permanent: as the muscle regains strength over three "
        "to four months the contour returns. For the next round, a lower dose or a different "
        "injection point often avoids it.",
    ),
    (
        "Masseter Botox made my cheeks look hollow",
        "Theo Lindgren",
        "Give it six to eight weeks before any filler",
        "Some of the hollow look in the first weeks is the muscle thinning faster than the skin "
        "adapts. Most of it softens by eight weeks. I would not add filler to the area until then, "
        "because the contour is still changing.",
    ),
]

# One question's follow-ups: (days after it was asked, status chosen, text, photos).
FOLLOW_UPS = {
    "Masseter Botox made my cheeks look hollow": [
        (
            16,
            "worried",
            "Two weeks on, the hollow under my cheekbones is still there when I smile, and the "
            "left side looks a bit deeper than the right. Chewing feels normal.",
            0,
        ),
        (
            37,
            "resolved",
            "Five weeks later it has mostly filled back in, as the doctors said. My injector will "
            "use a lower dose next time. Photo from this morning, same light as before.",
            1,
        ),
    ],
}
