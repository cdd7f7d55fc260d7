"""What the analyst reads: matrix, comparison, agreement, workbook, CSV, heatmap."""
