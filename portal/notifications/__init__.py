"""In-portal notifications (the bell) and the emails that accompany them."""
