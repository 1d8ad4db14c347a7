"""Models of the finance app arrive with their own issue; the app is registered now."""
