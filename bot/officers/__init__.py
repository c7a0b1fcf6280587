"""What the officers' handlers share: who acts, their record cards as Telegram messages, the
input they are asked to type, the notices to workers and the officers' command menus."""
