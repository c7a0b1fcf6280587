"""The /export and /stats wizard: its buttons' data (:mod:`.callbacks`) and what each press
leads to (:mod:`.wizard`), without Telegram or the database."""
