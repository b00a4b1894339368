using System.Buffers.Binary;
using System.Text;

namespace DanVan.Core.Ingest;

/// <summary>
/// Decides whether an OLE compound file may be read as an Excel 97–2003 workbook, from its directory and the
/// workbook globals, before ExcelDataReader sees anything: encrypted (OOXML in CFB, or an .xls with FILEPASS) is
/// refused, so is a VBA project (<c>_VBA_PROJECT_CUR</c>, as an .xlsm), an Excel 4 macro sheet, embedded OLE or
/// ActiveX objects, links to other files, more sheets than allowed, and a compound file that holds no workbook
/// (a .doc, say). The reader is then given only the workbook stream.
/// </summary>
internal static class XlsInspection
{
    private const ushort Bof = 0x0809;
    private const ushort Eof = 0x000A;
    private const ushort FilePass = 0x002F;
    private const ushort BoundSheet = 0x0085;
    private const ushort SupBook = 0x01AE;
    private const ushort Sst = 0x00FC;
    private const ushort Biff8 = 0x0600;
    private const ushort Formula = 0x0006;
    private const ushort BoolErr = 0x0205;

    public static Problem? Inspect(byte[] bytes, IngestLimits limits, out XlsWorkbook? workbook)
    {
        workbook = null;
        CompoundFile file;
        try
        {
            file = CompoundFile.Open(bytes);
        }
        catch (InvalidDataException)
        {
            // A directory we cannot walk; an encrypted package still says so in its names.
            return ContainsUtf16(bytes, "EncryptionInfo") || ContainsUtf16(bytes, "EncryptedPackage") ? Messages.Encrypted() : Messages.Corrupt();
        }
        if (file.Has("EncryptionInfo") || file.Has("EncryptedPackage"))
        {
            return Messages.Encrypted();
        }
        if (!file.Has("Workbook"))
        {
            // Excel 5.0/95 kept its workbook in "Book"; anything else (a .doc, an .msg) is no workbook.
            return file.Has("Book") ? Messages.Xls() : Messages.NotSpreadsheet();
        }
        if (file.Has("_VBA_PROJECT_CUR") || file.Has("_VBA_PROJECT") || file.Has("VBA"))
        {
            return Messages.Macro();
        }
        if (file.Names.Any(n => n.Equals("ObjectPool", StringComparison.OrdinalIgnoreCase) || n.StartsWith("MBD", StringComparison.Ordinal)))
        {
            return Messages.ActiveContent("đối tượng nhúng (OLE)");
        }
        if (file.Has("Ctls"))
        {
            return Messages.ActiveContent("điều khiển ActiveX");
        }
        byte[] stream;
        try
        {
            stream = file.Stream("Workbook") ?? throw new InvalidDataException("Workbook is a storage.");
        }
        catch (InvalidDataException)
        {
            return Messages.Corrupt();
        }
        var sheets = new List<(string Name, int Offset)>();
        if (Globals(stream, limits, sheets) is { } problem)
        {
            return problem;
        }
        workbook = new XlsWorkbook(stream, ErrorCells(stream, sheets));
        return null;
    }

    /// <summary>Walks the workbook globals substream (BOF … EOF): version, encryption, sheets, external books.</summary>
    private static Problem? Globals(byte[] stream, IngestLimits limits, List<(string Name, int Offset)> sheets)
    {
        var at = 0;
        var first = true;
        while (true)
        {
            if (at + 4 > stream.Length)
            {
                return Messages.Corrupt();
            }
            var type = BinaryPrimitives.ReadUInt16LittleEndian(stream.AsSpan(at));
            var length = BinaryPrimitives.ReadUInt16LittleEndian(stream.AsSpan(at + 2));
            var data = at + 4;
            if (data + length > stream.Length)
            {
                return Messages.Corrupt();
            }
            var record = stream.AsSpan(data, length);
            if (first)
            {
                if (type != Bof || length < 4)
                {
                    return Messages.Corrupt();
                }
                if (BinaryPrimitives.ReadUInt16LittleEndian(record) != Biff8)
                {
                    return Messages.Xls();
                }
                first = false;
            }
            else if (type == FilePass)
            {
                return Messages.Encrypted();
            }
            else if (type == BoundSheet && length >= 6)
            {
                if (sheets.Count >= limits.MaxSheets)
                {
                    return Messages.Hostile($"trên {Text.ViFormat.Number(limits.MaxSheets)} trang tính");
                }
                // 1: Excel 4 macro sheet, 6: VB module (dt of BOUNDSHEET8).
                if (record[5] is 1 or 6)
                {
                    return Messages.Macro();
                }
                if (record[5] == 3)
                {
                    return Messages.ActiveContent("trang hộp thoại");
                }
                sheets.Add((SheetName(record), BinaryPrimitives.ReadInt32LittleEndian(record)));
            }
            else if (type == Sst && length >= 8)
            {
                // The shared strings' declared count sizes ExcelDataReader's table: held to the cell budget, as in .xlsx.
                var unique = BinaryPrimitives.ReadUInt32LittleEndian(record[4..]);
                if (unique > limits.MaxCells)
                {
                    return Messages.TooManyCells(limits.MaxCells);
                }
            }
            else if (type == SupBook && !IsInternalBook(record))
            {
                return Messages.ActiveContent("liên kết tới tệp bên ngoài");
            }
            else if (type == Eof)
            {
                return null;
            }
            at = data + length;
        }
    }

    /// <summary>
    /// Cells whose stored result is an error (#DIV/0!, #REF!, …): ExcelDataReader gives them as empty, the .xlsx reader
    /// as errors; both must answer "ô cho kết quả lỗi". FORMULA records with an error result and BOOLERR error cells,
    /// per sheet name, walked record by record within the stream.
    /// </summary>
    private static Dictionary<string, Dictionary<CellAddress, string>> ErrorCells(byte[] stream, List<(string Name, int Offset)> sheets)
    {
        var result = new Dictionary<string, Dictionary<CellAddress, string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, offset) in sheets)
        {
            var cells = new Dictionary<CellAddress, string>();
            var at = offset;
            var depth = 0;
            while (at >= 0 && at + 4 <= stream.Length)
            {
                var type = BinaryPrimitives.ReadUInt16LittleEndian(stream.AsSpan(at));
                var length = BinaryPrimitives.ReadUInt16LittleEndian(stream.AsSpan(at + 2));
                if (at + 4 + length > stream.Length)
                {
                    break;
                }
                var record = stream.AsSpan(at + 4, length);
                at += 4 + length;
                if (type == Bof)
                {
                    depth++;
                }
                else if (type == Eof && --depth <= 0)
                {
                    break;
                }
                else if (type == Formula && length >= 14 && record[6] == 2 && record[12] == 0xFF && record[13] == 0xFF)
                {
                    cells[Address(record)] = ErrorText(record[8]);
                }
                else if (type == BoolErr && length >= 8 && record[7] == 1)
                {
                    cells[Address(record)] = ErrorText(record[6]);
                }
            }
            if (cells.Count > 0)
            {
                result.TryAdd(name, cells);
            }
        }
        return result;
    }

    private static CellAddress Address(ReadOnlySpan<byte> record) =>
        new(BinaryPrimitives.ReadUInt16LittleEndian(record) + 1, BinaryPrimitives.ReadUInt16LittleEndian(record[2..]) + 1);

    private static string ErrorText(byte code) => code switch
    {
        0x00 => "#NULL!",
        0x07 => "#DIV/0!",
        0x0F => "#VALUE!",
        0x17 => "#REF!",
        0x1D => "#NAME?",
        0x24 => "#NUM!",
        0x2A => "#N/A",
        _ => "#ERROR",
    };

    /// <summary>The sheet name of a BOUNDSHEET8 record: a short string, 8-bit or UTF-16.</summary>
    private static string SheetName(ReadOnlySpan<byte> record)
    {
        if (record.Length < 8)
        {
            return string.Empty;
        }
        var count = record[6];
        var wide = (record[7] & 1) == 1;
        var text = record[8..];
        return wide
            ? Encoding.Unicode.GetString(text[..Math.Min(text.Length & ~1, 2 * count)])
            : Encoding.Latin1.GetString(text[..Math.Min(text.Length, count)]);
    }

    /// <summary>A SUPBOOK for this workbook's own sheets (0x0401) or add-in functions (0x3A01); any other names a file or DDE server.</summary>
    private static bool IsInternalBook(ReadOnlySpan<byte> record) =>
        record.Length == 4 && BinaryPrimitives.ReadUInt16LittleEndian(record[2..]) is 0x0401 or 0x3A01;

    private static bool ContainsUtf16(byte[] bytes, string text) =>
        bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)) >= 0;
}

/// <summary>An .xls that passed the inspection: its BIFF8 workbook stream, and the cells holding an error result per sheet.</summary>
internal sealed record XlsWorkbook(byte[] Stream, IReadOnlyDictionary<string, Dictionary<CellAddress, string>> ErrorCells);
