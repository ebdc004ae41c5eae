"""The fixed 50 search queries of `make bench`, grouped by how much of the synthetic library they match.

Built from the generator's own word lists (recovery_portal.demo_data), so the
groups mean what they say: rare words match a handful of records, "tenth"
words about 10%, common words nearly all of them.
"""

from recovery_portal.demo_data import COMMON_WORDS, RARE_WORDS, TENTH_PHRASES, TENTH_WORDS

# Ranks in the Zipf tail: rank 200 is in roughly a hundred records, rank 19,000 in one or none.
RARE_RANKS = [200, 500, 1000, 2000, 3000, 5000, 8000, 12000, 16000, 19000]
COMMON = list(COMMON_WORDS)

GROUPS = {
    "rare word": [RARE_WORDS[rank] for rank in RARE_RANKS],
    "~10% word": TENTH_WORDS[:10],
    "nearly-all word": [*COMMON, "mental", "recovering"],
    "two words": [
        f"{TENTH_WORDS[0]} {TENTH_WORDS[1]}",
        f"{TENTH_WORDS[2]} {TENTH_WORDS[3]}",
        f"{COMMON[0]} {TENTH_WORDS[4]}",
        f"{COMMON[1]} {TENTH_WORDS[5]}",
        f"{COMMON[0]} {COMMON[3]}",
        f"{COMMON[2]} {COMMON[4]}",
        f"{RARE_WORDS[300]} {COMMON[0]}",
        f"{RARE_WORDS[700]} {TENTH_WORDS[6]}",
        f"{TENTH_WORDS[7]} -{COMMON[0]}",
        f"{COMMON[5]} {TENTH_WORDS[8]}",
    ],
    "phrase": [
        '"mental health"',
        *[f'"{phrase}"' for phrase in TENTH_PHRASES],
        f'"mental health" {TENTH_WORDS[0]}',
        f'"{COMMON[0]} {COMMON[1]}"',
        f'"{RARE_WORDS[100]} {RARE_WORDS[101]}"',
        f'"{TENTH_PHRASES[0]}" {COMMON[0]}',
    ],
}
QUERIES = [(group, query) for group, queries in GROUPS.items() for query in queries]
assert len(QUERIES) == 50, len(QUERIES)
