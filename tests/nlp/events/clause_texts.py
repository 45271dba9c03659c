"""Short whole stories written by the khabar project for events told without a trigger word
of their own type (``khabar.nlp.events.clause_types`` and the rewrites; fictional towns and
people, real countries as parties)."""

from __future__ import annotations

from tests.nlp.events.story_texts import story

READY = story(
    "Peru army on alert over border unrest",
    "LIMA (Reuters) - Peru's army is prepared to intervene if the unrest spreads to the border "
    "towns, the defence ministry said on Monday.",
    "Hundreds of farmers have blocked the highway near Varnek since Friday.",
)

VOWED = story(
    "Chilean president Ana Rojas vowed on Monday that no one will ever be allowed to harm "
    "the calm of Santiago.",
)

CLOSED = story(
    "Bolivia shuts schools",
    "All schools and colleges in Varnek have been ordered closed for the rest of the week, "
    "Bolivia's education ministry said on Monday.",
)

FORCED = story(
    "Bolivian interior minister Juan Ortega was forced to leave La Paz on Tuesday after "
    "clashes between rival factions.",
)

DISPLACED = story(
    "Hundreds of residents were forced to leave their homes in Varnek after the floods.",
)

CONVOY = story(
    "Aid reaches besieged town",
    "The convoy to Varnek was completed late on Sunday, a UN spokesman said. A separate convoy "
    "to Kelso had also gone ahead.",
)

MILITARY_CONVOY = story(
    "A military convoy reached the outskirts of Varnek on Sunday.",
)

MEDIATORS = story(
    "Chile and Peru exchanged prisoners on Monday after Norwegian mediators helped end a "
    "standoff over the lists.",
)

JAILED = story(
    "Bolivian opposition leader Juan Ortega has been jailed for 18 years, a court in La Paz "
    "ruled on Monday.",
)

REFUGEES = story(
    "Chile is welcoming refugees from Peru and offering them protection, a UN agency said on "
    "Monday.",
)

CAMP = story(
    "The UN refugee agency is building a camp with tents near Varnek, a spokesman said on Monday.",
)

NEED_FUNDS = story(
    "The World Food Programme said on Monday it needed 30 million dollars to feed the "
    "families of Varnek. The programme reiterated its support for the truce.",
)

QUESTIONED = story(
    "Peru questioned Chile's involvement in the conflict on Monday.",
)

CONDEMNED = story(
    "Bolivian police detained six activists in Varnek on Sunday. The arrests sparked "
    "condemnation from rights groups.",
)

UPHELD = story(
    "The Supreme Court of Peru upheld the election victory of Ana Rojas, the governor, on Monday.",
)

CONTROL = story(
    "On Wednesday, the Kelso district of Varnek fell under the control of Shining Path rebels.",
)

SALES = story(
    "The company met its sales target in March, its chief executive said.",
)

BACKED = story(
    "Thousands of teachers marched in Varnek on Sunday, in a protest movement backed by the "
    "Peruvian opposition. The union finances itself through dues.",
)

COMPLEMENTS = story(
    "A lawmaker said on Tuesday that 300 people had been detained in Varnek, offering a far "
    "higher figure than the police. Officials said the tour had yielded results.",
)

ARMED_MARCH = story(
    "Shining Path rebels marched into Varnek on Sunday after three days of fighting.",
    "By noon some 400 fighters marched along the main avenue.",
)

MASSED = story(
    "Thousands of protesters massed outside the parliament in Lima on Wednesday.",
)

PRESSED_AHEAD = story(
    "The Peruvian army is pressing ahead with work on two new bases, a spokesman said, "
    "asking not to print his name.",
)

FAILED_VOTE = story(
    "UN council rejects draft",
    "The draft, put forward by Chile, failed to garner the nine votes needed for adoption at "
    "the Security Council on Monday.",
)

FAILED_VOTE_ASIDE = story(
    "In a vote on Monday, the Chilean text failed - by a tally of four to five, with six "
    "abstentions - to win adoption.",
)

CEASEFIRE_SIGNED = story(
    "Peru and the Shining Path rebels signed a ceasefire agreement in Lima on Monday.",
)

STANDING = story(
    "The Shining Path is under UN sanctions. A Peruvian ship that violated a ban on fishing "
    "was attacked by rebels near Varnek on Monday.",
)

BROKEN_UP = story(
    "Peruvian police said on Monday they had broken up a rebel cell in Varnek.",
)

ATTEMPTED = story(
    "Chilean protesters attempted to bar the new councillors from entering the town hall "
    "in Varnek on Monday.",
)

ADVANCED = story(
    "Peru said a unit of the Chilean army attempted to advance deep into the territory of "
    "Peru on Sunday.",
)

COURT_BAR = story(
    "A court in Lima barred the former minister from leaving Peru on Monday.",
)

PROVISIONS = story(
    "The UN Security Council adopted a resolution on North Korea on Monday. The resolution "
    "bans the sale of arms to Pyongyang and calls for talks.",
)

RISKS = story(
    "Chile and Peru exchanged prisoners on Monday after Norwegian mediators helped avert a "
    "dispute that threatened to wreck the accord. The Peruvian boat entered the bay despite "
    "warnings from the Chilean navy.",
)
