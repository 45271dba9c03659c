"""Rule ids: the name of the rule that found each actor mention and event.

Logic and scoring key on these ids (``ActorMention.rule``, ``EventCandidate.rule``); the
``how`` strings beside them are display text only, so rewording one changes no score.
Confidence numbers per event rule live in ``nlp/data/scoring.yaml``.
"""

from __future__ import annotations

# -- actor mentions -------------------------------------------------------------------------
KNOWN_ACTOR = "actor.known"  # an alias in the actor knowledge base
PERSON_NAME = "actor.person"  # a PERSON entity
ORG_NAME = "actor.org"  # an ORG entity
COUNTRY = "actor.country"  # a country name standing for its government
CAPITAL = "actor.capital"  # a capital standing for its government
PARTY_MEMBERS = "actor.party-members"  # "Democrats": members of a party, linked back later
DEMONYM_PEOPLE = "actor.demonym-people"  # "Afghans": the people of a country
SECTOR_NOUN = "actor.sector-noun"  # "the protesters", "police": a common noun with a sector
SECTOR_NOUN_COUNTRY_REF = "actor.sector-noun.country-ref"  # "the government of the country"
RELATIVE_CLAUSE = "actor.relative-clause"  # "those who ...": an unnamed group
PRONOUN = "actor.pronoun"  # a pronoun, linked back to an antecedent
DEFINITE_ORG = "actor.definite-org"  # "the committee" after a named committee
DEMONYM_MODIFIER = "actor.demonym-modifier"  # "an Israeli air strike": the demonym's state
PROTESTING_NOUN = "actor.protesting-noun"  # "farmers protesting": an event noun's protesters
STORY_ACRONYM = "actor.story-acronym"  # "RSF" after "the Rapid Support Forces (RSF)"
JOINT_MODIFIERS = "actor.joint-modifiers"  # "Rwandan and Mozambican forces": two parties
BOTH_PARTIES = "actor.both-parties"  # "the two countries" after two named states
RELATIVE_SUBJECT = "actor.relative-subject"  # "militants who had attacked": the militants
ALLEGIANCE = "actor.allegiance"  # "militias loyal to X": an armed body named by whom it serves

# -- story-level roles (nlp/events/story_roles.py): a role filled where the clause has none ---
ROLES_PARTICIPLE = "roles.participle-holder"  # "protesters demanding": the noun described
ROLES_PARTICIPANT = "roles.participant"  # "had a meeting with X", "an attack launched by X"
ROLES_CAUSE_EVENT = "roles.cause-event"  # "killed in clashes between X and Y"
ROLES_RELATIVE = "roles.relative-object"  # "the group which it accused": the group
ROLES_OWN_OBJECT = "roles.own-object"  # "summoned the ambassador": a trigger's own object
ROLES_TARGET = "roles.target"  # "fired at Indian positions": what the act was aimed at
ROLES_OCCURRENCE = "roles.occurrence-between"  # "clashes erupted between X and Y"
ROLES_EXCHANGE = "roles.exchange"  # "X and Y exchanged prisoners": each the other's recipient
ROLES_RESTATED = "roles.story-restated"  # the actor of the story's earlier event of the type
ROLES_CLAIM = "roles.responsibility-claim"  # the story's claimant of an agentless attack
ROLES_PROTESTERS = "roles.story-protesters"  # an actorless protest: the story's protesters
ROLES_ACCUSER = "roles.accuser"  # "X rejected the allegations": who made them
ROLES_PROTEST_TARGET = "roles.protest-government"  # an untargeted protest: the government
ROLES_OBJECT_AUTHOR = "roles.object-author"  # "condemned the attacks launched by X": X
ROLES_THREAT_TARGET = "roles.threat-target"  # "warned it would cut ties with X": X
ROLES_COUNTERPART = "roles.story-counterpart"  # a reaction answers the other side of the story
ROLES_REQUEST_ADDRESSEE = "roles.request-addressee"  # "at the request of X, Y did": Y
ROLES_OWNED_TARGET = "roles.owned-target"  # "destroyed a Hezbollah drone": Hezbollah
ROLES_ELIDED_OBJECT = "roles.elided-object"  # "killed 14 fighters and detained three": fighters
ROLES_CIVILIANS = "roles.civilian-victims"  # "12 people were killed": coded as civilians
ROLES_PROTESTERS_NAMED = "roles.crowd-protesters"  # "demonstrators", "the crowd": protesters
ROLES_QUOTED_SPEAKER = "roles.quoted-speaker"  # "'We …,' X said": X did what 'we' did

# -- events ---------------------------------------------------------------------------------
VERB_OBJECT = "event.verb-object"  # "open fire", "impose sanctions"
VERB_PARTICLE = "event.verb-particle"  # "call on", "crack down"
LIGHT_VERB = "event.light-verb"  # "launch an attack"
VERB = "event.verb"  # a trigger verb alone
FORCE_VERB = "event.force-verb"  # "troops concentrated": a verb made MOBILIZE by its subject
SUPPRESSION = "event.suppression"  # "dispersed the rally"
TERMINATION = "event.termination"  # "lifted the curfew", "halted aid"
NOUN = "event.noun"  # an event noun anchored to a party
NAMING = "event.naming"  # "called it genocide": an accusation by naming
CLASSIFIER = "event.classifier"  # the sentence classifier, where no rule found an event
