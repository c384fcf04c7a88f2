"""The outbox: render a message for each recipient, queue it with the change, deliver it paced."""
