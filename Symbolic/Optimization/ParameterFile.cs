using System.Buffers.Binary;
using System.Text;

namespace Symbolic.Optimization;

/// <summary>
/// Saves and loads a parameter vector with its <see cref="ParameterLayout"/>, in a little-endian binary format
/// that stores every double's bits (a load gives back exactly the values saved, NaNs and signed zeros included).
/// </summary>
/// <remarks>
/// The format (version 1), all integers little-endian:
/// <list type="number">
/// <item>the 8 ASCII bytes <c>SYMPARAM</c>, then the version, a 32-bit integer (1);</item>
/// <item>the number of blocks (32-bit); for each block, the length in bytes of its UTF-8 name (32-bit), the name,
/// the kind (32-bit: 1 vector, 2 matrix), the rows and the columns (32-bit each; a vector has 1 column);</item>
/// <item>the number of values (64-bit), then the values as IEEE 754 binary64, block after block, matrices row-major;</item>
/// <item>a 64-bit FNV-1a hash of all the bytes before it, which detects a corrupted file.</item>
/// </list>
/// </remarks>
public static class ParameterFile
{
    private static readonly byte[] Magic = "SYMPARAM"u8.ToArray();
    private const int Version = 1;
    private const int MaxNameBytes = 1 << 16;

    /// <summary>
    /// Writes <paramref name="w"/> and its layout to the file <paramref name="path"/>, replacing it only once the new
    /// file is complete (written beside it, then moved over it): a bad argument or a crash leaves the old file intact.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="layout">The layout of <paramref name="w"/>.</param>
    /// <param name="w">The parameters.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="w"/> does not have the layout's size.</exception>
    public static void Save(string path, ParameterLayout layout, double[] w)
    {
        ArgumentNullException.ThrowIfNull(path);
        Validate(layout, w);
        var partial = path + ".partial";
        using (var file = File.Create(partial))
            Save(file, layout, w);
        File.Move(partial, path, overwrite: true);
    }

    private static void Validate(ParameterLayout layout, double[] w)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(w);
        if (w.Length != layout.Size) throw new ArgumentException($"The parameter vector has length {w.Length}; the layout has {layout.Size} parameters.", nameof(w));
        // Load refuses longer names (a corrupt length must not make it allocate gigabytes): never write what cannot be read.
        if (layout.Blocks.FirstOrDefault(b => Encoding.UTF8.GetByteCount(b.Name) > MaxNameBytes) is { Name: { } name })
            throw new ArgumentException($"A block name of {Encoding.UTF8.GetByteCount(name)} bytes is longer than the file format's {MaxNameBytes}.", nameof(layout));
    }

    /// <summary>Writes <paramref name="w"/> and its layout to <paramref name="stream"/>.</summary>
    /// <param name="stream">A writable stream (left open).</param>
    /// <param name="layout">The layout of <paramref name="w"/>.</param>
    /// <param name="w">The parameters.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="w"/> does not have the layout's size.</exception>
    public static void Save(Stream stream, ParameterLayout layout, double[] w)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Validate(layout, w);
        var bytes = new MemoryStream();
        using (var writer = new BinaryWriter(bytes, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(layout.Blocks.Count);
            foreach (var block in layout.Blocks)
            {
                var name = Encoding.UTF8.GetBytes(block.Name);
                writer.Write(name.Length);
                writer.Write(name);
                writer.Write(block.IsMatrix ? 2 : 1);
                writer.Write(block.Rows);
                writer.Write(block.Columns);
            }
            writer.Write((long)w.Length);
            foreach (var value in w) writer.Write(BitConverter.DoubleToInt64Bits(value));
        }
        var content = bytes.GetBuffer().AsSpan(0, (int)bytes.Length);
        stream.Write(content);
        Span<byte> hash = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(hash, Fnv1a(content));
        stream.Write(hash);
    }

    /// <summary>Reads parameters saved with <paramref name="layout"/> from the file <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="layout">The layout the parameters must have (names, kinds and shapes, in order).</param>
    /// <returns>The parameters, bit for bit as saved.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The file's layout differs from <paramref name="layout"/>; the message names the first block that differs.</exception>
    /// <exception cref="InvalidDataException">The file is not a parameter file, is truncated or corrupted.</exception>
    public static double[] Load(string path, ParameterLayout layout)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = File.OpenRead(path);
        return Load(file, layout);
    }

    /// <summary>Reads parameters saved with <paramref name="layout"/> from <paramref name="stream"/> (to its end).</summary>
    /// <param name="stream">A readable stream positioned at the start of the saved parameters (left open).</param>
    /// <param name="layout">The layout the parameters must have (names, kinds and shapes, in order).</param>
    /// <returns>The parameters, bit for bit as saved.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The file's layout differs from <paramref name="layout"/>; the message names the first block that differs.</exception>
    /// <exception cref="InvalidDataException">The stream does not hold a parameter file, or it is truncated or corrupted.</exception>
    public static double[] Load(Stream stream, ParameterLayout layout)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(layout);
        // The magic first, from the stream: a file of another kind is refused without reading it whole.
        var head = new byte[Magic.Length];
        if (stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) < head.Length || !head.AsSpan().SequenceEqual(Magic))
            throw new InvalidDataException("This is not a Symbolic parameter file: it does not start with 'SYMPARAM'.");
        var all = new MemoryStream();
        all.Write(head);
        stream.CopyTo(all);
        var bytes = all.GetBuffer().AsSpan(0, (int)all.Length);
        if (bytes.Length < Magic.Length + 12 || !bytes[..Magic.Length].SequenceEqual(Magic))
            throw new InvalidDataException("This is not a Symbolic parameter file: it does not start with 'SYMPARAM'.");
        var content = bytes[..^8];
        if (BinaryPrimitives.ReadUInt64LittleEndian(bytes[^8..]) != Fnv1a(content))
            throw new InvalidDataException("The parameter file is corrupted or truncated: its checksum does not match its contents.");
        var reader = new SpanReader(content[Magic.Length..]);
        var version = reader.Int32();
        if (version != Version) throw new InvalidDataException($"The parameter file has format version {version}; this library reads version {Version}.");
        var saved = ReadLayout(ref reader);
        CheckMatches(saved, layout);
        var count = reader.Int64();
        if (count != layout.Size || reader.Remaining != count * sizeof(double))
            throw new InvalidDataException($"The parameter file declares {count} values and holds {reader.Remaining / sizeof(double)}; its layout has {layout.Size}.");
        var w = new double[count];
        for (var i = 0; i < w.Length; i++) w[i] = BitConverter.Int64BitsToDouble(reader.Int64());
        return w;
    }

    private static List<ParameterBlock> ReadLayout(ref SpanReader reader)
    {
        var blocks = reader.Int32();
        if (blocks < 0) throw new InvalidDataException($"The parameter file declares {blocks} blocks.");
        var layout = new List<ParameterBlock>();
        for (var b = 0; b < blocks; b++)
        {
            var nameLength = reader.Int32();
            if (nameLength is < 1 or > MaxNameBytes) throw new InvalidDataException($"Block {b} of the parameter file has a name of {nameLength} bytes.");
            var name = Encoding.UTF8.GetString(reader.Bytes(nameLength));
            var (kind, rows, columns) = (reader.Int32(), reader.Int32(), reader.Int32());
            if (kind is not (1 or 2) || rows < 1 || columns < 1 || (kind == 1 && columns != 1))
                throw new InvalidDataException($"Block '{name}' of the parameter file has an invalid shape (kind {kind}, {rows} × {columns}).");
            layout.Add(new ParameterBlock(name, 0, rows, columns, kind == 2));
        }
        return layout;
    }

    private static void CheckMatches(List<ParameterBlock> saved, ParameterLayout layout)
    {
        for (var b = 0; b < Math.Max(saved.Count, layout.Blocks.Count); b++)
        {
            if (b >= layout.Blocks.Count)
                throw new ArgumentException($"The file has a block '{saved[b].Name}' ({saved[b].Shape}) after the layout's last block.", nameof(layout));
            var expected = layout.Blocks[b];
            if (b >= saved.Count)
                throw new ArgumentException($"The file has no block '{expected.Name}' ({expected.Shape}): it ends after {saved.Count} blocks.", nameof(layout));
            var found = saved[b];
            if (found.Name != expected.Name || found.Shape != expected.Shape)
                throw new ArgumentException($"Block {b} of the layout is '{expected.Name}' ({expected.Shape}), but the file's is '{found.Name}' ({found.Shape}).", nameof(layout));
        }
    }

    /// <summary>The 64-bit FNV-1a hash.</summary>
    private static ulong Fnv1a(ReadOnlySpan<byte> bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in bytes) hash = (hash ^ b) * 1099511628211UL;
        return hash;
    }

    /// <summary>Little-endian reads that fail with a clear error at the end of the data.</summary>
    private ref struct SpanReader(ReadOnlySpan<byte> data)
    {
        private ReadOnlySpan<byte> _data = data;

        public readonly long Remaining => _data.Length;

        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Bytes(4));

        public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Bytes(8));

        public ReadOnlySpan<byte> Bytes(int count)
        {
            if (count > _data.Length) throw new InvalidDataException("The parameter file ends early.");
            var bytes = _data[..count];
            _data = _data[count..];
            return bytes;
        }
    }
}
