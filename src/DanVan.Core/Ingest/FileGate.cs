using System.IO.Compression;
using System.Text;

namespace DanVan.Core.Ingest;

/// <summary>
/// Decides from the bytes alone whether a file may be opened as a workbook, before any spreadsheet
/// library sees it: size, format by content (not by name), macros, encryption, and a zip scan that
/// inflates every entry under a hard budget so a compression bomb (even one lying about its sizes)
/// costs at most the configured limit.
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

    public static Problem? Inspect(byte[] bytes, IngestLimits limits)
    {
        if (bytes.Length == 0)
        {
            return Messages.Empty();
        }
        if (bytes.AsSpan().StartsWith(CfbMagic))
        {
            // An OLE compound file: either an encrypted OOXML package or a legacy binary (.xls) workbook.
            return ContainsUtf16(bytes, "EncryptionInfo") || ContainsUtf16(bytes, "EncryptedPackage") ? Messages.Encrypted() : Messages.Xls();
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
                if (name.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase))
                {
                    return Messages.Macro();
                }
                hasContentTypes |= name.Equals("[Content_Types].xml", StringComparison.OrdinalIgnoreCase);
                hasWorkbook |= name.StartsWith("xl/", StringComparison.OrdinalIgnoreCase) && name.EndsWith("workbook.xml", StringComparison.OrdinalIgnoreCase);
                declared += entry.Length;
                if (declared > limits.MaxUncompressedBytes || IsBombRatio(entry.Length, entry.CompressedLength, limits))
                {
                    return Messages.Bomb();
                }
            }
            if (!hasContentTypes || !hasWorkbook)
            {
                // LibreOffice's own format is a zip too: say how to save it as .xlsx.
                return zip.GetEntry("mimetype") is not null && zip.GetEntry("content.xml") is not null ? Messages.Ods() : Messages.NotSpreadsheet();
            }
            // Declared sizes can lie: inflate everything under the real budget (also proves the zip is whole).
            long inflated = 0;
            var sink = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                using var s = entry.Open();
                long entryBytes = 0;
                int read;
                while ((read = s.Read(sink, 0, sink.Length)) > 0)
                {
                    inflated += read;
                    entryBytes += read;
                    if (inflated > limits.MaxUncompressedBytes || IsBombRatio(entryBytes, entry.CompressedLength, limits))
                    {
                        return Messages.Bomb();
                    }
                }
            }
            // Judged once every part is known to inflate under the budget.
            return PackageKind.IsMacroEnabled(zip) ? Messages.Macro() : null;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException or ArgumentException)
        {
            return Messages.Corrupt();
        }
    }

    // Ordinary sheet XML compresses 10–50×; only large entries are held to the ratio so tiny, very regular parts pass.
    private static bool IsBombRatio(long uncompressed, long compressed, IngestLimits limits) =>
        uncompressed > 1024 * 1024 && uncompressed > Math.Max(compressed, 1) * limits.MaxCompressionRatio;

    private static bool ContainsUtf16(byte[] bytes, string text) =>
        bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)) >= 0;
}
