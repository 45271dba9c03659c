"""Short whole stories written by the khabar project for the event-finding and story-event
mechanisms of the recall work (fictional towns and people, real countries as parties)."""

from __future__ import annotations

from tests.nlp.events.story_texts import story

CROWD_FORCE = story(
    "Police break up rally in Varnek",
    "Thousands of protesters marched on parliament in Varnek on Monday.",
    "Police used tear gas and water cannon to disperse the crowd, witnesses said.",
)

BORDER = story(
    "Armenia shuts border",
    "Armenia closed its border with Azerbaijan on Monday, the interior ministry said.",
)

MEDIATED = story(
    "Qatar has mediated an exchange of 120 prisoners of war between Armenia and Azerbaijan, "
    "its foreign ministry said on Monday.",
)

INTERMEDIARY = story(
    "Armenia and Azerbaijan exchanged 50 prisoners on Sunday after Qatar acted as an intermediary.",
)

CEASEFIRE = story(
    "Armenia and Azerbaijan signed a ceasefire agreement in Geneva on Sunday.",
)

TOUR = story(
    "The Chinese president visited Chile, Peru and Bolivia last week.",
)

DESCRIPTIONS = story(
    "An Iran-backed group claimed the attack on the damaged ship on Sunday.",
)

FIGURES = story(
    "The army released figures on Monday showing a fall in desertions.",
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
    "Raid in Kelso",
    "A raid by Armenian special forces left nine people dead in Kelso on Sunday, officials said.",
)

RETURNED_FIRE = story(
    "Gunmen attacked a checkpoint near Kelso on Sunday. Soldiers returned fire, the army said.",
)
