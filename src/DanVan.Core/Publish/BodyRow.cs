namespace DanVan.Core.Publish;

/// <summary>How a streamed body cell looks: alignment and number format.</summary>
internal enum CellKind
{
    Text,
    Center,
    Number,
    Ratio,
    Wrap,
    Indent,
}

/// <summary>Row highlighting: group and subtotal rows, missing units, late units.</summary>
internal enum RowFill
{
    None,
    Group,
    Missing,
    Late,
}

/// <summary>One cell of a streamed body row; empty cells still carry borders and fills.</summary>
internal readonly record struct BodyCell(CellKind Kind, RowFill Fill, string? Text = null, decimal? Number = null)
{
    public static BodyCell Of(string? text, CellKind kind = CellKind.Text, RowFill fill = RowFill.None) => new(kind, fill, text);

    public static BodyCell Of(decimal? number, RowFill fill = RowFill.None) => new(CellKind.Number, fill, null, number);
}

/// <summary>A body row: dense cells from column A; an optional height in points.</summary>
internal sealed record BodyRow(BodyCell[] Cells, double? Height = null);

/// <summary>A sheet whose body rows are streamed after ClosedXML wrote its skeleton (header, widths, page setup).</summary>
internal sealed record StreamedBody(string SheetName, int FirstRow, Func<IEnumerable<BodyRow>> Rows);
