"""Long exports in the background: jobs (jobs.py), their pages (views.py) and big PDFs
rendered in parallel chunks (pdf.py)."""
