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
    private const ushort Biff8 = 0x0600;

    public static Problem? Inspect(byte[] bytes, IngestLimits limits, out byte[]? workbook)
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
        if (Globals(stream, limits) is { } problem)
        {
            return problem;
        }
        workbook = stream;
        return null;
    }

    /// <summary>Walks the workbook globals substream (BOF … EOF): version, encryption, sheets, external books.</summary>
    private static Problem? Globals(byte[] stream, IngestLimits limits)
    {
        var at = 0;
        var first = true;
        var sheets = 0;
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
                if (++sheets > limits.MaxSheets)
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

    /// <summary>A SUPBOOK for this workbook's own sheets (0x0401) or add-in functions (0x3A01); any other names a file or DDE server.</summary>
    private static bool IsInternalBook(ReadOnlySpan<byte> record) =>
        record.Length == 4 && BinaryPrimitives.ReadUInt16LittleEndian(record[2..]) is 0x0401 or 0x3A01;

    private static bool ContainsUtf16(byte[] bytes, string text) =>
        bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)) >= 0;
}
