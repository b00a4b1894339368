using System.Globalization;
using System.Text;
using ExcelDataReader;

namespace DanVan.Core.Ingest;

/// <summary>
/// An Excel 97–2003 (BIFF8) workbook read through ExcelDataReader, given only the workbook stream that
/// <see cref="XlsInspection"/> took out of the compound file and checked. Values only: ExcelDataReader does not
/// expose defined names or document properties, so cells are found through the template's hidden code column and
/// the identity through the hidden identity sheet. Rows are streamed; every cell and every row slot counts against
/// the same budget as an .xlsx, and reading stops as soon as it is spent.
/// </summary>
internal sealed class XlsReader : IWorkbookReader
{
    static XlsReader()
    {
        // ExcelDataReader decodes 8-bit strings through the workbook's code page (e.g. 1258, Vietnamese).
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    private readonly IExcelDataReader _reader;
    private readonly IReadOnlyDictionary<string, Dictionary<CellAddress, string>> _errors;
    private readonly long _maxCells;
    private readonly List<string> _sheets = [];
    private long _cellsSeen;
    private long _slotsSeen;

    private XlsReader(IExcelDataReader reader, IReadOnlyDictionary<string, Dictionary<CellAddress, string>> errors, long maxCells)
    {
        _reader = reader;
        _errors = errors;
        _maxCells = maxCells;
        do
        {
            _sheets.Add(reader.Name ?? string.Empty);
        }
        while (reader.NextResult());
    }

    public static XlsReader Open(XlsWorkbook workbook, IngestLimits limits)
    {
        var reader = ExcelReaderFactory.CreateBinaryReader(new MemoryStream(workbook.Stream, writable: false));
        try
        {
            return new XlsReader(reader, workbook.ErrorCells, limits.MaxCells);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    public IReadOnlyList<string> SheetNames => _sheets;

    public string? SheetName(string name) => _sheets.FirstOrDefault(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase));

    public IReadOnlyDictionary<string, string> DefinedNames { get; } = new Dictionary<string, string>();

    public Dictionary<string, string> CustomProperties() => new(StringComparer.Ordinal);

    public void EnforceCellBudget()
    {
        foreach (var sheet in _sheets)
        {
            ReadCells(sheet, static _ => false);
        }
        _cellsSeen = 0;
        _slotsSeen = 0;
    }

    public Dictionary<CellAddress, CellContent> ReadCells(string sheet, Func<CellAddress, bool> wanted)
    {
        var found = new Dictionary<CellAddress, CellContent>();
        _reader.Reset();
        var index = _sheets.FindIndex(s => string.Equals(s, sheet, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            return found;
        }
        for (var i = 0; i < index; i++)
        {
            _reader.NextResult();
        }
        var row = 0;
        while (_reader.Read())
        {
            row++;
            var columns = _reader.FieldCount;
            // Empty rows and empty slots cost time too: a sheet declaring 65,536 × 256 stops here, not at its end.
            _slotsSeen += Math.Max(columns, 1);
            if (_slotsSeen > _maxCells * 50)
            {
                throw new CellBudgetExceededException();
            }
            for (var c = 0; c < columns; c++)
            {
                var value = _reader.GetValue(c);
                if (value is null)
                {
                    continue;
                }
                if (++_cellsSeen > _maxCells)
                {
                    throw new CellBudgetExceededException();
                }
                var address = new CellAddress(row, c + 1);
                if (wanted(address))
                {
                    found[address] = Content(value);
                }
            }
        }
        // ExcelDataReader gives an error result as empty; the inspection kept where they are.
        foreach (var (address, error) in _errors.GetValueOrDefault(_sheets[index]) ?? [])
        {
            if (wanted(address) && !found.ContainsKey(address))
            {
                found[address] = new CellContent(CellKind.Error, 0, error, true);
            }
        }
        return found;
    }

    /// <summary>A value as the .xlsx reader would see it: a date is its serial number, text is NFC.</summary>
    private static CellContent Content(object value) => value switch
    {
        string s when s.Length == 0 => CellContent.Blank,
        string s => new CellContent(CellKind.Text, 0, s.Normalize(NormalizationForm.FormC), false),
        bool b => new CellContent(CellKind.Boolean, b ? 1 : 0, b ? "TRUE" : "FALSE", false),
        DateTime d => Number(d.ToOADate()),
        TimeSpan t => Number(t.TotalDays),
        IConvertible n when value is double or float or decimal or int or long or short or byte or uint or ulong or ushort or sbyte =>
            Number(n.ToDouble(CultureInfo.InvariantCulture)),
        _ => new CellContent(CellKind.Text, 0, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty, false),
    };

    private static CellContent Number(double number) =>
        new(CellKind.Number, number, number.ToString("R", CultureInfo.InvariantCulture), false);

    public void Dispose() => _reader.Dispose();
}
