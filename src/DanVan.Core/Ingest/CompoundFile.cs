using System.Buffers.Binary;
using System.Text;

namespace DanVan.Core.Ingest;

/// <summary>
/// A bounded reader of an OLE compound file (MS-CFB), the container of .xls, .doc and encrypted OOXML: the names
/// in its directory and the bytes of one stream. Every chain is walked at most once per sector, so a cyclic or
/// truncated file is refused as broken (<see cref="InvalidDataException"/>) instead of looping or reading past
/// its end; no spreadsheet library sees the container.
/// </summary>
internal sealed class CompoundFile
{
    private const uint EndOfChain = 0xFFFFFFFE;
    private const uint MaxRegularSector = 0xFFFFFFFA;
    private const int EntrySize = 128;

    private readonly byte[] _bytes;
    private readonly int _sectorSize;
    private readonly int _miniSectorSize;
    private readonly uint _miniCutoff;
    private readonly uint[] _fat;
    private readonly List<Entry> _entries = [];
    private uint[]? _miniFat;
    private byte[]? _miniStream;
    private readonly uint _firstMiniFatSector;

    private CompoundFile(byte[] bytes)
    {
        _bytes = bytes;
        if (bytes.Length < 512 || U16(0x1C) != 0xFFFE)
        {
            throw new InvalidDataException("No compound file header.");
        }
        var sectorShift = U16(0x1E);
        var miniShift = U16(0x20);
        if (sectorShift is not (9 or 12) || miniShift != 6)
        {
            throw new InvalidDataException("Unusual sector size.");
        }
        _sectorSize = 1 << sectorShift;
        _miniSectorSize = 1 << miniShift;
        _miniCutoff = U32(0x38);
        _firstMiniFatSector = U32(0x3C);
        var sectorCount = (bytes.Length - _sectorSize + _sectorSize - 1) / _sectorSize;

        // The FAT's sectors: 109 in the header, the rest in the DIFAT chain.
        var fatSectors = new List<uint>();
        for (var i = 0; i < 109; i++)
        {
            var s = U32(0x4C + 4 * i);
            if (s <= MaxRegularSector)
            {
                fatSectors.Add(s);
            }
        }
        var difat = U32(0x44);
        var guard = 0;
        while (difat <= MaxRegularSector)
        {
            if (++guard > sectorCount)
            {
                throw new InvalidDataException("DIFAT chain loops.");
            }
            var at = Offset(difat);
            for (var i = 0; i < _sectorSize / 4 - 1; i++)
            {
                var s = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 4 * i));
                if (s <= MaxRegularSector)
                {
                    fatSectors.Add(s);
                }
            }
            difat = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + _sectorSize - 4));
        }
        if (fatSectors.Count == 0 || fatSectors.Count > sectorCount)
        {
            throw new InvalidDataException("FAT size is implausible.");
        }
        _fat = new uint[fatSectors.Count * (_sectorSize / 4)];
        for (var f = 0; f < fatSectors.Count; f++)
        {
            var at = Offset(fatSectors[f]);
            for (var i = 0; i < _sectorSize / 4; i++)
            {
                _fat[f * (_sectorSize / 4) + i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 4 * i));
            }
        }

        var directory = ReadChain(U32(0x30), long.MaxValue, _fat, _sectorSize, SectorSpan);
        for (var at = 0; at + EntrySize <= directory.Length; at += EntrySize)
        {
            var type = directory[at + 0x42];
            if (type is not (1 or 2 or 5))
            {
                continue;
            }
            var nameLength = Math.Clamp(BinaryPrimitives.ReadUInt16LittleEndian(directory.AsSpan(at + 0x40)), (ushort)2, (ushort)64);
            var name = Encoding.Unicode.GetString(directory, at, nameLength - 2);
            var start = BinaryPrimitives.ReadUInt32LittleEndian(directory.AsSpan(at + 0x74));
            var size = BinaryPrimitives.ReadUInt32LittleEndian(directory.AsSpan(at + 0x78));
            _entries.Add(new Entry(name, type, start, size));
        }
        if (_entries.Count == 0 || _entries[0].Type != 5)
        {
            throw new InvalidDataException("No root entry.");
        }
    }

    private sealed record Entry(string Name, byte Type, uint Start, uint Size);

    /// <summary>Parses the header, the FAT and the directory; throws <see cref="InvalidDataException"/> when they are broken.</summary>
    public static CompoundFile Open(byte[] bytes) => new(bytes);

    /// <summary>Names of every storage and stream (the root excluded).</summary>
    public IEnumerable<string> Names => _entries.Skip(1).Select(e => e.Name);

    public bool Has(string name) => _entries.Skip(1).Any(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The bytes of a stream, or null when there is none of that name.</summary>
    public byte[]? Stream(string name)
    {
        if (_entries.Skip(1).FirstOrDefault(e => e.Type == 2 && string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase)) is not { } entry)
        {
            return null;
        }
        if (entry.Size > _bytes.Length)
        {
            throw new InvalidDataException("Stream longer than the file.");
        }
        if (entry.Size >= _miniCutoff)
        {
            return ReadChain(entry.Start, entry.Size, _fat, _sectorSize, SectorSpan);
        }
        var root = _entries[0];
        if (root.Size > _bytes.Length)
        {
            throw new InvalidDataException("Mini stream longer than the file.");
        }
        _miniStream ??= ReadChain(root.Start, root.Size, _fat, _sectorSize, SectorSpan);
        _miniFat ??= ToUInts(ReadChain(_firstMiniFatSector, long.MaxValue, _fat, _sectorSize, SectorSpan));
        return ReadChain(entry.Start, entry.Size, _miniFat, _miniSectorSize, MiniSectorSpan);
    }

    private ReadOnlySpan<byte> SectorSpan(uint sector) => _bytes.AsSpan(Offset(sector), _sectorSize);

    private ReadOnlySpan<byte> MiniSectorSpan(uint sector)
    {
        var at = (long)sector * _miniSectorSize;
        if (at + _miniSectorSize > _miniStream!.Length)
        {
            throw new InvalidDataException("Mini sector outside the mini stream.");
        }
        return _miniStream.AsSpan((int)at, _miniSectorSize);
    }

    /// <summary>Follows a chain to its end or to <paramref name="length"/> bytes; each sector at most once.</summary>
    private static byte[] ReadChain(uint start, long length, uint[] fat, int sectorSize, SectorReader read)
    {
        using var output = new MemoryStream();
        var sector = start;
        var steps = 0;
        while (sector != EndOfChain && output.Length < length)
        {
            if (sector > MaxRegularSector || sector >= fat.Length || ++steps > fat.Length)
            {
                throw new InvalidDataException("Broken sector chain.");
            }
            output.Write(read(sector));
            sector = fat[sector];
        }
        if (length != long.MaxValue)
        {
            if (output.Length < length)
            {
                throw new InvalidDataException("Stream shorter than its size.");
            }
            output.SetLength(length);
        }
        return output.ToArray();
    }

    private delegate ReadOnlySpan<byte> SectorReader(uint sector);

    private int Offset(uint sector)
    {
        var at = ((long)sector + 1) * _sectorSize;
        if (sector > MaxRegularSector || at + _sectorSize > _bytes.Length)
        {
            // A file cut short (an interrupted upload) ends here.
            throw new InvalidDataException("Sector outside the file.");
        }
        return (int)at;
    }

    private static uint[] ToUInts(byte[] bytes)
    {
        var result = new uint[bytes.Length / 4];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4 * i));
        }
        return result;
    }

    private ushort U16(int at) => BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan(at));

    private uint U32(int at) => BinaryPrimitives.ReadUInt32LittleEndian(_bytes.AsSpan(at));
}
