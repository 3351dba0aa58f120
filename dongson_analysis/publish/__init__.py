"""Renderers of the chapters: HTML pages, the Word document, the Excel workbook, the notebooks; and
the main job.
"""
