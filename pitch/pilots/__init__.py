"""Pilots (実証実験) after the award: workspace, showcase, open data, secretariat overview."""
