"""Short whole stories written by the khabar project for the event-finding and story-event
mechanisms of the recall work (fictional towns and people, real countries as parties)."""

from __future__ import annotations

from tests.nlp.events.story_texts import story

CROWD_FORCE = story(
    "Police break up march in Varnek",
    "Several hundred teachers marched on the assembly in Varnek on Monday.",
    "Riot police fired tear gas at the marchers near the assembly gates, witnesses said.",
)

BORDER = story(
    "Chile seals frontier",
    "Chile sealed its border with Bolivia on Monday, the interior ministry said.",
)

MEDIATED = story(
    "Norway mediated an exchange of detainees between Chile and Peru last week, officials in "
    "Oslo said on Monday.",
)

INTERMEDIARY = story(
    "Norway acted as a go-between for Chile and Peru during the fishing talks in Lima.",
)

AGREEMENT = story(
    "Chile and Peru signed a fishing agreement in Lima on Sunday.",
)

TOUR = story(
    "The Kenyan president visited Uganda, Rwanda and Burundi last week.",
)

DESCRIPTIONS = story(
    "A Kenyan-backed militia shelled the damaged depot near Kelso on Sunday.",
)

REPORT = story(
    "The ministry released its annual report on Monday.",
)

RAID = story(
    "Two soldiers were killed in a rebel raid on a checkpoint near Kelso on Sunday, the army said.",
)

HEADLINE_LATER = story(
    "Rebels seize border town",
    "The border town of Kelso has been quiet for months. Traders complained of high prices "
    "on Sunday. The mayor opened a new market in March.",
    "On Monday, Northern Front rebels seized the town after a short battle, residents said.",
)

RETOLD = story(
    "Northern Front rebels attacked an army base near Kelso on Sunday, the army said.",
    "Residents said the gunfire lasted for two hours and that several houses were destroyed.",
    "Two soldiers were killed, a hospital official said.",
)

LETHAL_RAID = story(
    "Farmhouse raid",
    "Three gunmen died in a police raid on a farmhouse near Kelso on Sunday, officials said.",
)

RETURNED_FIRE = story(
    "Gunmen attacked a checkpoint near Kelso on Sunday. Soldiers returned fire, the army said.",
)

# Two acts of one type in one sentence that the grammar tells apart.
TWO_ACTS = story(
    "Raid on Varnek",
    "Gunmen abducted four farmers and killed two other villagers when they raided Varnek on "
    "Monday, police said.",
)

RELATIVE_ACT = story(
    "Border post hit",
    "The Chilean army said it had killed 30 rebels who had attacked two of its border posts "
    "near Varnek on Monday.",
)

# A later telling marked as another act.
ANOTHER_ACT = story(
    "Rebels attack convoy near Varnek",
    "Rebels attacked a Chilean army convoy near Varnek on Monday, killing three soldiers.",
    "Another convoy was attacked on the road to Ostrel later that day, officials said.",
)

# A headline names the parties in short: the country for its ministry and its troops.
HEADLINE_SHORT = story(
    "Chile strongly condemns Peru's aggression: ministry",
    "The Chilean foreign ministry said on Sunday that it condemned the attack by Peruvian "
    "troops on a border post near Varnek.",
)

# An event noun that only sets the scene of the sentence's event.
SETTING = story(
    "Chilean army leaves Varnek",
    "The Chilean army withdrew from Varnek on Monday after three days of heavy fighting, "
    "residents said.",
)

# A definite reference gives the event's details (its day and village).
REFERENCE_DETAILS = story(
    "Rebels kill five Chilean soldiers",
    "Rebels killed five Chilean soldiers in the north of Chile, the army said on Monday.",
    "The attack took place on Saturday in the village of Varnek, near the border.",
)
