"""The conversation's steps: what an answer, a press, the review and consent do to the state."""
