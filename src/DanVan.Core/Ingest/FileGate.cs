using System.IO.Compression;

namespace DanVan.Core.Ingest;

/// <summary>
/// Decides from the bytes alone whether a file may be opened as a workbook, before any spreadsheet
/// library sees it: size, format by content (not by name), encryption, then <see cref="PackageInspection"/>:
/// one pass that inflates and reads every part under hard limits (a compression bomb, even one lying about
/// its sizes, costs at most the configured budget) and refuses active content.
/// </summary>
internal static class FileGate
{
    private static readonly byte[] CfbMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>Reads at most the size limit + 1 byte; null and a problem when the file is too big.</summary>
    public static byte[]? ReadAll(Stream file, IngestLimits limits, out Problem? problem)
    {
        problem = null;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = file.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > limits.MaxFileBytes)
            {
                var total = buffer.Length;
                try
                {
                    total = file.CanSeek ? file.Length : total;
                }
                catch (NotSupportedException)
                {
                }
                problem = Messages.TooLarge(total, limits.MaxFileBytes);
                return null;
            }
        }
        return buffer.ToArray();
    }

    public static Problem? Inspect(byte[] bytes, IngestLimits limits) => Inspect(bytes, limits, out _);

    /// <summary>
    /// As <see cref="Inspect(byte[], IngestLimits)"/>; for an Excel 97–2003 workbook (an OLE compound file, whatever its
    /// name) that passes, <paramref name="xlsWorkbook"/> holds its BIFF8 workbook stream, to be read by <see cref="XlsReader"/>.
    /// </summary>
    public static Problem? Inspect(byte[] bytes, IngestLimits limits, out XlsWorkbook? xlsWorkbook)
    {
        xlsWorkbook = null;
        if (bytes.Length == 0)
        {
            return Messages.Empty();
        }
        if (bytes.AsSpan().StartsWith(CfbMagic))
        {
            // An OLE compound file: an encrypted OOXML package, an .xls, or some other Office document.
            return XlsInspection.Inspect(bytes, limits, out xlsWorkbook);
        }
        if (bytes.Length < 4 || bytes[0] != 'P' || bytes[1] != 'K')
        {
            return Messages.NotSpreadsheet();
        }
        return ScanZip(bytes, limits);
    }

    private static Problem? ScanZip(byte[] bytes, IngestLimits limits)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            var hasWorkbook = false;
            var hasContentTypes = false;
            long declared = 0;
            foreach (var entry in zip.Entries)
            {
                var name = entry.FullName.Replace('\\', '/').TrimStart('/');
                hasContentTypes |= name.Equals("[Content_Types].xml", StringComparison.OrdinalIgnoreCase);
                hasWorkbook |= name.StartsWith("xl/", StringComparison.OrdinalIgnoreCase) && name.EndsWith("workbook.xml", StringComparison.OrdinalIgnoreCase);
                declared += entry.Length;
                if (declared > limits.MaxUncompressedBytes || PackageInspection.IsBombRatio(entry.Length, entry.CompressedLength, limits))
                {
                    return Messages.Bomb();
                }
            }
            if (!hasContentTypes || !hasWorkbook)
            {
                // LibreOffice's own format is a zip too: say how to save it as .xlsx.
                return zip.GetEntry("mimetype") is not null && zip.GetEntry("content.xml") is not null ? Messages.Ods() : Messages.NotSpreadsheet();
            }
            // Declared sizes can lie: one forward pass inflates and reads every part under the real limits.
            return PackageInspection.Inspect(zip, limits);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException or ArgumentException)
        {
            return Messages.Corrupt();
        }
    }
}
