"""Running the bot: serving channels (polling, webhooks), the worker, scheduled jobs, the demo."""
