"""Models of the distribution app arrive with their own issue; the app is registered now."""
