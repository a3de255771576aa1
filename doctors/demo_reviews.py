"""Demo reviews: the sample page's figures (4.4 from 39, 4.6 from 17, 5.0 from 18, 4.7 from 221),
by fictional patients. Each review is put together from parts that fit its stars, the
treatment it names and whether it was a consultation only; the parts are used in turn, and no
two reviews have the same text."""

import random
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.models import Role, User
from doctors.models import CostRange, DoctorProfile, Experience, Review, WorthIt
from treatments.models import Treatment

# Doctor -> reviews at 5, 4, 3, 2 and 1 stars.
DISTRIBUTIONS = {
    "Marco Bellini": (26, 7, 2, 2, 2),  # 170 / 39 = 4.36 -> "4.4 out of 5 stars, 39 reviews"
    "Elliot Varga": (13, 2, 1, 1, 0),  # 78 / 17 = 4.59 -> 4.6, 17 reviews
    "Helena Brandt": (18, 0, 0, 0, 0),  # 5.0, 18 reviews
    "Adrian Kessler": (180, 25, 8, 4, 4),  # 1036 / 221 = 4.69 -> 4.7, 221 reviews
}
# What patients came to each doctor for, and how often.
TREATMENTS = {
    "Marco Bellini": {"Breast augmentation": 4, "Blepharoplasty": 3, "Botox": 2, "Rhinoplasty": 1},
    "Elliot Varga": {"Botox": 4, "Laser resurfacing": 3, "Lip filler": 2, "Microneedling": 2},
    "Helena Brandt": {
        "Botox": 3,
        "Tear trough filler": 2,
        "Lip filler": 2,
        "Microneedling": 2,
        "Laser resurfacing": 1,
    },
    "Adrian Kessler": {
        "Rhinoplasty": 5,
        "Botox": 2,
        "Masseter reduction": 2,
        "Blepharoplasty": 2,
        "Tear trough filler": 1,
        "Lip filler": 1,
    },
}
# How patients name it in a sentence, and what it usually costs.
PHRASES = {
    "Botox": "Botox",
    "Masseter reduction": "masseter Botox",
    "Lip filler": "lip filler",
    "Tear trough filler": "under-eye filler",
    "Microneedling": "microneedling",
    "Laser resurfacing": "laser resurfacing",
    "Blepharoplasty": "eyelid surgery",
    "Rhinoplasty": "rhinoplasty",
    "Breast augmentation": "breast augmentation",
}
COSTS = {
    "Botox": CostRange.TO_500,
    "Masseter reduction": CostRange.TO_1000,
    "Lip filler": CostRange.TO_1000,
    "Tear trough filler": CostRange.TO_1000,
    "Microneedling": CostRange.TO_1000,
    "Laser resurfacing": CostRange.TO_3000,
    "Blepharoplasty": CostRange.TO_10000,
    "Rhinoplasty": CostRange.OVER_10000,
    "Breast augmentation": CostRange.TO_10000,
}
# "{when}" in a sentence: how long after the treatment the review was written, as fits it.
WHEN = {
    "Botox": {"Two weeks out": 14, "Six weeks on": 42, "Two months in": 60, "Ten weeks later": 70},
    "Masseter reduction": {"Six weeks on": 42, "Two months in": 60, "Three months later": 90},
    "Lip filler": {"A month later": 30, "Three months on": 90, "Six months later": 180},
    "Tear trough filler": {"A month later": 30, "Four months on": 120, "Six months later": 180},
    "Microneedling": {"A month after my last session": 30, "Six weeks later": 42},
    "Laser resurfacing": {"Six weeks later": 42, "Two months on": 60, "Three months later": 90},
    "Blepharoplasty": {"Three months later": 90, "Four months post-op": 120, "Six months on": 180},
    "Rhinoplasty": {"Four months post-op": 120, "Six months on": 180, "Nearly a year later": 340},
    "Breast augmentation": {"Three months later": 90, "Six months on": 180, "Ten months on": 300},
}
STAFF = ["Carla", "Denise", "Marisol", "Jenna", "Tamika", "Leah", "Bridget", "Yusuf"]

FIRST = [
    "Ana",
    "Ben",
    "Chloe",
    "Dev",
    "Elena",
    "Farah",
    "Gus",
    "Hana",
    "Ivan",
    "Jade",
    "Kofi",
    "Lina",
    "Mateo",
    "Nia",
    "Omar",
    "Pia",
    "Quinn",
    "Rosa",
    "Sami",
    "Tess",
    "Uma",
    "Vik",
    "Wren",
    "Yara",
    "Zoe",
    "Aisha",
    "Brooke",
    "Carlos",
    "Diane",
    "Emeka",
    "Fiona",
    "Grace",
    "Hiro",
    "Isabel",
    "Jonah",
    "Keisha",
    "Leo",
    "Maya",
    "Noor",
    "Priscilla",
]

# The tone of a review with so many stars.
TONE = {5: "good", 4: "good", 3: "mixed", 2: "poor", 1: "poor"}

OPENERS = {
    "good": [
        "I was nervous before my appointment, but {dr} took the time to go through every option.",
        "From the first consultation I felt listened to, not sold to.",
        "I read a lot of reviews before choosing {dr}, and I'm glad I did.",
        "{dr} was recommended by a friend who'd had the same treatment.",
        "This was my first cosmetic treatment of any kind, so I had a hundred questions.",
        "I drove an hour to see {dr} and would do it again.",
        "I'd had a bad experience at another clinic, so I came in skeptical.",
        "{dr} spent a good half hour with me before anything was booked.",
        "I came in with a photo of what I wanted and {dr} was honest about what was realistic.",
        "I first saw {dr} for a second opinion, and stayed.",
        "I put this off for years and wish I hadn't.",
        "{dr} explained the risks plainly, which I appreciated more than a sales pitch.",
        "I'm a nurse myself, so I'm picky about technique, and I was impressed.",
        "I was seen within ten minutes of arriving, which set the tone.",
    ],
    "mixed": [
        "Mixed feelings overall.",
        "The treatment itself went fine; the rest less so.",
        "I wanted to love this, and some of it was great.",
        "{dr} clearly knows what they're doing, but the experience was uneven.",
        "Not bad, not amazing.",
        "I'd give the result four stars and the clinic two.",
    ],
    "poor": [
        "I had high hopes after the consultation.",
        "I don't usually write reviews, but I think people should know.",
        "I expected more, given the other reviews.",
        "The consultation was friendly enough, but that's where it ended.",
        "I wish I had gone somewhere else.",
        "I'm writing this after months of trying to get it put right.",
    ],
}
CARE = {
    "good": [
        "The nurse, {staff}, called the next day to check on me.",
        "Every question I sent through the patient portal got an answer the same day.",
        "The front desk was friendly and the price matched the quote exactly.",
        "{staff} at the front desk made the paperwork painless.",
        "The follow-up visit was on time and {dr} checked everything carefully.",
        "The aftercare instructions were written down, not just rattled off.",
        "I never felt rushed, even though the waiting room was full.",
        "They numbed me properly and told me what each step would feel like.",
        "I got a text with aftercare tips that evening, which was a nice touch.",
        "The office is calm and spotless, which helped my nerves.",
        "{staff} went through the costs before anything started, so there were no surprises.",
        "When I panicked about swelling on day two, they saw me the same afternoon.",
    ],
    "caveat": [
        "The only downside was a forty-minute wait past my appointment time.",
        "It cost a bit more than I'd budgeted, but I understand why.",
        "Parking near the office is a pain.",
        "Booking the follow-up took a few phone calls.",
        "I'd have liked a little more time for questions at the end.",
        "The consultation fee isn't taken off the treatment price, which I didn't know.",
        "Recovery took a week longer than I was told, though it all settled.",
        "The front desk lost my forms and I had to fill them in twice.",
    ],
    "mixed": [
        "The appointment felt rushed and I had to chase the follow-up.",
        "Getting a call back took three tries.",
        "The front desk double-booked me once.",
        "I waited almost an hour, and nobody said why.",
        "{dr} was great; the staff less so.",
    ],
    "poor": [
        "When I called about my concerns I was told to wait it out, twice.",
        "The follow-up was hard to book and felt like a formality.",
        "My concerns were brushed aside as normal healing.",
        "I was charged for a touch-up I had been told would be free.",
        "I never saw {dr} at the follow-up, only an assistant.",
        "Nobody returned my messages for over a week.",
    ],
}
CLOSERS = {
    5: [
        "I'll be back.",
        "Highly recommend.",
        "Worth every penny.",
        "I've already sent my sister.",
        "I wouldn't go anywhere else now.",
        "Thank you, {dr}!",
        "Five stars without hesitation.",
        "If you're on the fence, book the consultation.",
        "Exactly the experience I hoped for.",
        "I'm already planning my next appointment.",
    ],
    4: [
        "Still recommend.",
        "Overall I'm happy and would go back.",
        "Small things; the result is what matters.",
        "I'd still choose {dr} again.",
    ],
    3: [
        "I may go back, but I'd shop around first.",
        "Decent, but not the experience the reviews promised.",
        "Three stars feels fair.",
        "I'm still deciding whether I'd return.",
    ],
    2: [
        "I'd think twice before booking.",
        "Disappointed, to be honest.",
        "Not what I paid for.",
    ],
    1: [
        "I won't be returning.",
        "I'm now seeing someone else to fix it.",
        "Please get a second opinion first.",
    ],
}
RESULTS = {
    "Botox": {
        "good": [
            "{when}, my forehead still moves a little, which is exactly what I asked for.",
            "It kicked in after about five days and the frown line between my brows is gone.",
            "No bruising at all, and nobody at work could tell I'd had anything done.",
            "My crow's feet are softer but I can still smile with my eyes.",
            "I had 20 units between the brows and it looks natural, not frozen.",
            "{when}, it's still holding, and my tension headaches have eased too.",
            "A tiny bump at each spot for twenty minutes, then nothing.",
        ],
        "mixed": [
            "The result is fine, but one brow sat slightly higher and needed a touch-up.",
            "It wore off sooner than I expected, at about two months.",
            "It looks okay, but my forehead feels heavier than I'd like.",
        ],
        "poor": [
            "One eyelid drooped for three weeks and I was told it would sort itself out.",
            "I had the full dose and barely saw a change.",
            "My brows ended up looking surprised, and the fix took a month to book.",
        ],
    },
    "Masseter reduction": {
        "good": [
            "My jaw clenching at night has calmed down and my face looks a touch slimmer.",
            "{when}, my jaw looks softer from the front and the morning headaches are gone.",
            "Chewing felt a bit weak for a week, exactly as I was warned, then it was fine.",
            "My dentist noticed less wear on my teeth at my last check-up.",
            "The change was gradual over a month, so nobody noticed anything sudden.",
        ],
        "mixed": [
            "My jaw is slimmer, but chewing felt weak for longer than I was told.",
            "It helped the clenching, but I can't see much change in shape.",
        ],
        "poor": [
            "My smile looked odd for weeks after, and nobody had mentioned that could happen.",
            "I paid for a full dose and saw no difference in the clenching.",
        ],
    },
    "Lip filler": {
        "good": [
            "Half a syringe was enough: my lips look like mine, just fuller.",
            "The swelling went down in three days and the shape is even.",
            "{when}, there are no lumps and the lip line is still crisp.",
            "I asked for subtle and that's what I got.",
            "I bruised a little on the upper lip, covered it with concealer, and it was gone by "
            "day four.",
        ],
        "mixed": [
            "The shape is nice, but one side is slightly bigger.",
            "It looks good, though it went down faster than I'd hoped.",
        ],
        "poor": [
            "I ended up with a lump in the upper lip that had to be dissolved elsewhere.",
            "My lips came out uneven and I was told to wait another month.",
        ],
    },
    "Tear trough filler": {
        "good": [
            "The hollows under my eyes are filled without any puffiness.",
            "I look less tired in photos, and nobody can tell why.",
            "{when}, there's no blue tinge and no swelling, which I'd worried about.",
            "A very small amount was used, and that was the right call.",
        ],
        "mixed": [
            "The hollows are better, but there's a little puffiness in the mornings.",
            "It's an improvement, but subtler than I'd paid for.",
        ],
        "poor": [
            "I was left with puffiness under one eye that took dissolving to fix.",
            "It made the area look bluish, which nobody warned me about.",
        ],
    },
    "Microneedling": {
        "good": [
            "After three sessions my acne scars are noticeably shallower.",
            "My skin was red for a day and a half, then it looked brighter than before.",
            "{when}, my makeup sits better and the texture on my cheeks is smoother.",
            "The numbing cream worked well; it felt like light scratching.",
        ],
        "mixed": [
            "My texture is a bit better, but I'd expected more after three sessions.",
            "I can see some change, but it's hard to say it was worth the price.",
        ],
        "poor": [
            "My skin broke out badly after the first session.",
            "After three sessions I honestly can't see a difference.",
        ],
    },
    "Laser resurfacing": {
        "good": [
            "The first week was rough, as I was told it would be, but the sun spots are gone.",
            "{when}, my skin is smoother and the fine lines around my mouth have faded.",
            "They gave me a day-by-day healing plan and my skin followed it exactly.",
            "My old acne marks have faded more than I thought possible.",
        ],
        "mixed": [
            "My spots faded, but the redness lasted three weeks, not one.",
            "The result is decent, but healing was harder than described.",
        ],
        "poor": [
            "I had patches of darker pigment for months afterwards.",
            "Healing took far longer than I was told and nobody checked on me.",
        ],
    },
    "Blepharoplasty": {
        "good": [
            "My upper lids no longer feel heavy, and the scar is hidden in the crease.",
            "{when}, I can wear eyeshadow again and the scars are almost invisible.",
            "The bruising lasted about ten days, and then people just said I looked rested.",
            "My lower lid bags are gone and I don't look done.",
        ],
        "mixed": [
            "The lids look better, but one scar is more visible than the other.",
            "It's an improvement, though I still have some heaviness on the left.",
        ],
        "poor": [
            "My eyes felt dry for months and the scars are uneven.",
            "One lid sits higher than the other now.",
        ],
    },
    "Rhinoplasty": {
        "good": [
            "I breathe better through my nose than I have in years, and the bump is gone.",
            "{when}, the swelling is mostly down and my nose finally suits my face.",
            "The cast came off on day seven and I was back at work the week after.",
            "My profile looks like me, just straighter.",
            "The tip is still a little swollen, but I was told it takes a year to settle.",
            "I'd broken my nose playing soccer; now it's straight and I breathe on both sides.",
            "{when}, I've stopped hiding from side-on photos.",
        ],
        "mixed": [
            "The bump is gone, but the tip is wider than I'd hoped.",
            "It looks better, but I'm still not breathing as well on one side.",
        ],
        "poor": [
            "My nose is straighter, but I breathe worse than before.",
            "The result looks pinched and I'm now looking at a revision.",
        ],
    },
    "Breast augmentation": {
        "good": [
            "The size we chose looks proportionate on me, not overdone.",
            "{when}, everything has settled and the scars are fading nicely.",
            "Recovery was easier than I feared; I was back at my desk job in a week.",
            "We used sizers at the consultation, so I knew exactly what to expect.",
        ],
        "mixed": [
            "I'm happy with the shape, less with how long the swelling took.",
            "The result is fine, but I'd have gone a size smaller with better advice.",
        ],
        "poor": [
            "One implant sits higher than the other, and I was told it would drop. It hasn't.",
            "The scars are thick and I was never offered any scar care.",
        ],
    },
}
CONSULTATIONS = {
    "good": [
        "I came in for a consultation about {t} and left with a clear plan and an honest price.",
        "It was only a consultation, but {dr} told me I didn't need {t} yet, which I respect.",
        "I haven't had {t} yet; the consultation alone was worth the visit.",
        "We talked through {t} for half an hour with no pressure to book.",
        "I learned more about {t} in this consultation than at two other clinics.",
        "{dr} drew on a photo of me to show what {t} could and couldn't change.",
    ],
    "mixed": [
        "The consultation about {t} was informative, but it felt rushed at the end.",
        "I got the information about {t} I needed, but the quote was higher than I expected.",
    ],
    "poor": [
        "I only had a consultation about {t} and felt rushed through it.",
        "Most of the consultation about {t} was about the price and package deals.",
        "I came in to discuss {t} and left with more questions than answers.",
        "The consultation was ten minutes long and I never got to ask about the risks.",
    ],
}
# A consultation's opening and care: nothing was done yet, so nothing about numbing or healing.
CONSULTATION_OPENERS = {
    "good": [
        "I was nervous about asking, but {dr} took the time to go through every option.",
        "From the first minute I felt listened to, not sold to.",
        "I read a lot of reviews before booking with {dr}, and I'm glad I did.",
        "I had a hundred questions and {dr} answered all of them.",
        "I'd had a pushy consultation at another clinic, so I came in skeptical.",
        "{dr} explained the risks plainly, which I appreciated more than a sales pitch.",
    ],
    "mixed": ["Mixed feelings about this one.", "Useful, up to a point."],
    "poor": [
        "I expected more, given the other reviews.",
        "I left feeling like a sales target.",
        "I wish I had booked somewhere else.",
    ],
}
CONSULTATION_CARE = {
    "good": [
        "The front desk was friendly and the consultation started on time.",
        "{staff} sent me a written quote the same afternoon.",
        "They answered the questions I emailed afterwards at no charge.",
        "I never felt rushed, even though the waiting room was full.",
        "{staff} followed up a week later without any pressure to book.",
    ],
    "mixed": [
        "Getting a call back took three tries.",
        "I waited almost an hour, and nobody said why.",
    ],
    "poor": [
        "The quote they emailed afterwards didn't match what we discussed.",
        "Nobody returned my messages for over a week.",
        "I was pushed to pay a deposit before leaving.",
    ],
}
TITLES = {
    5: [
        "Clear, kind and honest",
        "Natural result, great care",
        "Would go back without a doubt",
        "Explained every step",
        "Exactly what I hoped for",
        "So glad I chose Dr. {last}",
        "Listened to what I wanted",
        "Worth the drive",
        "Professional from start to finish",
        "Honest advice, no upselling",
        "{T} done right",
        "Natural-looking {t}",
        "Happy with my {t}",
        "A great {t} result",
    ],
    4: [
        "Good result, long wait",
        "Very happy, a little pricey",
        "Careful and thorough",
        "Great result, small gripes",
        "Happy overall",
        "Good {t}, slow follow-up",
        "Almost perfect",
    ],
    3: ["Fine, but rushed", "Result is OK, follow-up was slow", "Decent but not great", "Okay {t}"],
    2: ["Not what was promised", "Hard to get answers afterwards", "Underwhelming {t}"],
    1: ["Disappointed with the outcome", "Would not go back", "My {t} went wrong"],
}
CONSULTATION_TITLES = {
    True: [
        "An honest consultation",
        "Clear advice, no pressure",
        "Worth the consultation",
        "Talked me out of it, honestly",
        "A helpful {t} consultation",
    ],
    False: ["A rushed consultation", "Felt like a sales pitch", "Not much advice"],
}
THANKS = [
    "Thank you, {first}. It was a pleasure to treat you, and I'm glad you're enjoying your {t}.",
    "{first}, thank you for taking the time to write this. See you at your next visit.",
    "Thank you for the kind words, {first}. The whole team read your review.",
]
SORRY = [
    "I'm sorry to read this, {first}.",
    "Thank you for telling us, {first}, and I'm sorry it went this way.",
    "{first}, I'm sorry your experience fell short.",
]
NEXT_STEP = [
    "Please call the clinic and ask for me directly, so that we can look at this together.",
    "I'd like to see you again, at no charge, to assess this properly.",
    "My practice manager will call you this week to arrange a review appointment.",
    "I want to check this in person: please reply to the email we sent and we'll find a time.",
]


class Picker:
    """Takes parts in turn: each time, one of the least used so far, chosen at random."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: dict[str, int] = {}

    def __call__(self, parts: list[str]) -> str:
        fewest = min(self.used.get(part, 0) for part in parts)
        part = self.rng.choice([part for part in parts if self.used.get(part, 0) == fewest])
        self.used[part] = self.used.get(part, 0) + 1
        return part


def review_text(
    pick: Picker, rng: random.Random, *, stars: int, treatment: str, consultation: bool
) -> tuple[str, str]:
    """A (title, body) for a review with these stars of this treatment."""
    tone = TONE[stars]
    if consultation:
        tone = "good" if stars >= 4 else tone
        sentences = [pick(CONSULTATION_OPENERS[tone]), pick(CONSULTATIONS[tone])]
        if rng.random() < 0.6:
            sentences.append(pick(CONSULTATION_CARE[tone]))
        title = pick(CONSULTATION_TITLES[stars >= 4])
    else:
        result = pick(RESULTS[treatment][tone])
        care = pick(CARE["caveat" if stars == 4 else tone])
        sentences = rng.choice(
            [
                [pick(OPENERS[tone]), result, care, pick(CLOSERS[stars])],
                [result, care],
                [pick(OPENERS[tone]), result, pick(CLOSERS[stars])],
                [result, care, pick(CLOSERS[stars])],
                [pick(OPENERS[tone]), result, care],
            ]
        )
        title = pick(TITLES[stars])
    return title, " ".join(sentences)


def fill(text: str, *, doctor: DoctorProfile, treatment: str, when: str, staff: str) -> str:
    phrase = PHRASES[treatment]
    return text.format(
        dr=f"Dr. {doctor.name.split()[-1]}",
        last=doctor.name.split()[-1],
        t=phrase,
        T=phrase[0].upper() + phrase[1:],
        when=when,
        staff=staff,
    )


def seed_reviews() -> int:
    """Create the demo reviews for doctors that have none yet; returns how many were made."""
    rng = random.Random(2013)  # noqa: S311 - fixed demo data, not security
    pick = Picker(rng)
    reviewers = demo_reviewers(max(sum(counts) for counts in DISTRIBUTIONS.values()))
    treatments = {treatment.name: treatment for treatment in Treatment.objects.all()}
    bodies = set(Review.objects.values_list("body", flat=True))
    replies = set(Review.objects.exclude(reply="").values_list("reply", flat=True))
    made = 0
    now = timezone.now()
    for name, counts in DISTRIBUTIONS.items():
        doctor = DoctorProfile.objects.filter(name=name).first()
        if doctor is None or doctor.reviews.exists():
            continue
        ratings = [
            stars for stars, n in zip((5, 4, 3, 2, 1), counts, strict=True) for _ in range(n)
        ]
        rng.shuffle(ratings)
        names, weights = zip(*TREATMENTS[name].items(), strict=True)
        reviews = []
        for index, (stars, reviewer) in enumerate(zip(ratings, reviewers, strict=False)):
            treatment = rng.choices(names, weights)[0]
            # About one in seven came for a consultation only.
            consultation = index % 7 == 3
            for _ in range(100):  # until the text is one no other review has
                title, body = review_text(
                    pick, rng, stars=stars, treatment=treatment, consultation=consultation
                )
                when = rng.choice(list(WHEN[treatment]))
                words = {"doctor": doctor, "treatment": treatment, "when": when}
                words["staff"] = rng.choice(STAFF)
                body = fill(body, **words)
                if body not in bodies:
                    break
            bodies.add(body)
            created = now - timedelta(days=3 * index + rng.randint(0, 2))
            # The month of the treatment (or visit): as long before as the text says.
            since = rng.randint(7, 40) if consultation else WHEN[treatment][when]
            first = reviewer.display_name.split()[0]
            replied = index == 0 or (stars <= 2 and index < 40)
            reviews.append(
                Review(
                    doctor=doctor,
                    author=reviewer,
                    rating=stars,
                    title=fill(title, **words),
                    body=body,
                    worth_it=WorthIt.YES
                    if stars >= 4
                    else WorthIt.NOT_SURE
                    if stars == 3
                    else WorthIt.NO,
                    experience=Experience.CONSULTATION if consultation else Experience.TREATMENT,
                    treatment=treatments.get(treatment),
                    cost_range="" if consultation or index % 3 == 1 else COSTS[treatment],
                    treated_in=(created - timedelta(days=since + rng.randint(0, 6))).date(),
                    created_at=created,
                    reply=reply(rng, first, stars, treatment, replies) if replied else "",
                    replied_at=created + timedelta(days=rng.randint(1, 4)) if replied else None,
                )
            )
        Review.objects.bulk_create(reviews)
        doctor.refresh_rating()
        made += len(reviews)
    return made


def reply(rng: random.Random, first: str, stars: int, treatment: str, replies: set) -> str:
    """The doctor's public reply, unlike any other: thanks, or an apology and what happens
    next."""
    options = (
        [thanks.format(first=first, t=PHRASES[treatment]) for thanks in THANKS]
        if stars >= 4
        else [f"{sorry.format(first=first)} {step}" for sorry in SORRY for step in NEXT_STEP]
    )
    fresh = [option for option in options if option not in replies] or options
    text = rng.choice(fresh)
    replies.add(text)
    return text


def reviewer_name(index: int) -> str:
    """ "Ana A.", "Ben F."...: each first name takes the 26 initials in a different order, so
    the names never repeat (for up to 26 x len(FIRST) reviewers)."""
    first, turn = index % len(FIRST), index // len(FIRST)
    return f"{FIRST[first]} {chr(65 + (turn * 5 + first * 3) % 26)}."


def demo_reviewers(count: int) -> list[User]:
    """Fictional patients who wrote the demo reviews (they cannot sign in)."""
    emails = [f"reviewer{index}@example.com" for index in range(count)]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    User.objects.bulk_create(
        User(
            email=email,
            display_name=reviewer_name(index),
            role=Role.PATIENT,
            password=make_password(None),
        )
        for index, email in enumerate(emails)
        if email not in existing
    )
    by_email = {user.email: user for user in User.objects.filter(email__in=emails)}
    return [by_email[email] for email in emails]
