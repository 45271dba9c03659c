"""Short whole stories written by the khabar project for the story-level event passes
(fictional places and people)."""

from __future__ import annotations


def story(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


RESTATED = story(
    "Militants storm police station in Varnek",
    "VARNEK (Reuters) - Al-Shabaab militants attacked a police station in Varnek on Sunday, "
    "killing four officers, the interior ministry said.",
    "Residents said the gunfire lasted for two hours. The attack on the station was claimed "
    "by al-Shabaab, a spokesman for the group said.",
    "The ministry said security forces had been sent to the district.",
)

TWO_ATTACKS = story(
    "Rebels attacked an army base in Kelso on Friday, killing three soldiers.",
    "On Saturday, troops shelled rebel positions near Dorvan, the army said.",
    "Separately, rebels attacked a police convoy in Marvani on Sunday.",
)

CRIME = story(
    "Man held over shop robbery",
    "A shopkeeper was stabbed to death during a robbery in Varnek on Tuesday night, "
    "police said. Officers arrested two suspects on Wednesday and charged them with murder.",
)

ACCIDENT = story(
    "Bus crash kills 12",
    "Twelve people were killed and 30 injured when a bus collided with a truck on the "
    "coastal highway near Kelso on Monday, officials said. The driver lost control on a bend.",
)

BUSINESS = story(
    "Shares slide",
    "Shares in the retailer plunged after the raid on the market by short sellers, and "
    "investors attacked the chief executive over the quarterly profit warning.",
)

ARMED_IN_FLOOD = story(
    "Floods displace thousands",
    "Floods have displaced thousands of families in the eastern province. Rebels attacked "
    "an aid convoy heading to the flooded towns on Thursday, killing two drivers, the army "
    "said.",
)

JOINT = story(
    "The Red Cross and the World Food Programme delivered food aid to families in Kelso on "
    "Tuesday.",
)

CLASHES = story(
    "Fighting flared again in the north on Tuesday. Clashes between the Northern Front and "
    "the army near Kelso killed nine people, officials said.",
    "Separately, the Northern Front and the army clashed near Marvani on Wednesday.",
)

STATE_ACT = story(
    "Premier presses lawmakers",
    "The prime minister urged lawmakers on Monday to pass a new fraud law before the summer "
    "recess.",
)

CRIME_WAVE = story(
    "Burglaries rise in Varnek",
    "Burglaries and robberies rose sharply in Varnek this year, and two shopkeepers were "
    "stabbed in a robbery last week. The mayor urged residents to report every theft.",
)

SWAP = story(
    "Prisoner swap",
    "Kelvania and Dorvania exchanged 90 prisoners of war on Friday, the defence ministry said. "
    "It was the third swap this year.",
)

COMPANIONS = story(
    "Two leaders tour a museum",
    "The French president and the German chancellor visited a war museum in Kelso on "
    "Tuesday. The French president and the German chancellor met in Kelso on Wednesday.",
)
