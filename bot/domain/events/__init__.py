"""Events: storing an imported draft, moving and changing events, the changes delegates hear of."""
