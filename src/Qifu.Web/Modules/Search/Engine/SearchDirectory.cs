using Lucene.Net.Store;
using Microsoft.Win32.SafeHandles;

namespace Qifu.Web.Modules.Search.Engine;

/// <summary>
/// NIOFSDirectory (see SearchIndex.Open for why not memory-mapped) whose inputs read with one positional read (pread) per buffer
/// refill, sized to what is read. NIOFSDirectory's own input goes through a FileStream: a lock, an fstat for the length, the
/// FileStream's 4 KB buffer and a copy on every refill, and system calls are dear on this kind of machine (a search refills a few
/// hundred times: terms, postings, doc values of the shown hits). The default 1 KB buffer turned every hit's stored fields into a
/// dozen reads of one compressed 16 KB chunk (about 90 µs of CPU per hit); postings are read front to back, so a larger buffer
/// saves reads there too. Compound files are switched off in the writer so these files are opened by name.
/// With <paramref name="inMemory"/>, a searcher's terms dictionaries (.tim) and doc lists (.doc) are read whole into memory when
/// the segment is opened (decision 0021): a search looks up each word in every segment several times and walks long doc lists,
/// which cost a third of its reads; from memory a clone for one more enumeration costs nothing and a read no system call.
/// </summary>
internal sealed class SearchDirectory(string path, bool inMemory = true) : NIOFSDirectory(path)
{
    public override IndexInput OpenInput(string name, IOContext context)
    {
        EnsureOpen();
        if (inMemory && context.Context != IOContext.UsageContext.MERGE && Path.GetExtension(name) is ".tim" or ".doc")
            return MemoryInput.Read(Path.Combine(Directory.FullName, name));
        var size = Path.GetExtension(name) switch
        {
            ".fdt" => 16 * 1024,      // stored fields: one compressed chunk per hit
            ".doc" or ".pos" => 8 * 1024, // postings and positions, read in order
            _ => BufferedIndexInput.GetBufferSize(context),
        };
        var file = Path.Combine(Directory.FullName, name);
        var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        try { return new PositionalInput($"PositionalInput(path=\"{file}\")", handle, RandomAccess.GetLength(handle), size); }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>A whole file in memory, in 1 MB chunks (no array near the 2 GB limit, none on the large object heap twice).</summary>
    private sealed class MemoryInput : IndexInput
    {
        private const int Shift = 20, ChunkSize = 1 << Shift, Mask = ChunkSize - 1;
        private readonly byte[][] _chunks;
        private readonly long _length;
        private long _position;

        private MemoryInput(string description, byte[][] chunks, long length) : base(description)
        {
            _chunks = chunks;
            _length = length;
        }

        public static MemoryInput Read(string file)
        {
            using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = RandomAccess.GetLength(handle);
            var chunks = new byte[(int)((length + Mask) >> Shift)][];
            for (var i = 0; i < chunks.Length; i++)
            {
                var chunk = chunks[i] = new byte[(int)Math.Min(ChunkSize, length - ((long)i << Shift))];
                var span = chunk.AsSpan();
                var at = (long)i << Shift;
                while (span.Length > 0)
                {
                    var read = RandomAccess.Read(handle, span, at);
                    if (read <= 0) throw new EndOfStreamException($"read past EOF: {file}");
                    at += read;
                    span = span[read..];
                }
            }
            return new MemoryInput($"MemoryInput(path=\"{file}\")", chunks, length);
        }

        public override long Length => _length;

        public override long Position => _position;

        public override void Seek(long pos)
        {
            if (pos < 0 || pos > _length) throw new EndOfStreamException($"seek past EOF: {this} to {pos}");
            _position = pos;
        }

        public override byte ReadByte()
        {
            var position = _position;
            if (position >= _length) throw new EndOfStreamException($"read past EOF: {this}");
            _position = position + 1;
            return _chunks[(int)(position >> Shift)][(int)(position & Mask)];
        }

        public override void ReadBytes(byte[] b, int offset, int len)
        {
            if (_position + len > _length) throw new EndOfStreamException($"read past EOF: {this}");
            while (len > 0)
            {
                var chunk = _chunks[(int)(_position >> Shift)];
                var at = (int)(_position & Mask);
                var n = Math.Min(len, chunk.Length - at);
                Buffer.BlockCopy(chunk, at, b, offset, n);
                _position += n;
                offset += n;
                len -= n;
            }
        }

        public override object Clone() => MemberwiseClone();

        protected override void Dispose(bool disposing) { }
    }

    /// <summary>Reads with <see cref="RandomAccess.Read(SafeFileHandle, Span{byte}, long)"/> (pread: no shared file position, so clones
    /// on other threads need no lock). Clones share the handle; only the input that opened it closes it.</summary>
    private sealed class PositionalInput(string description, SafeFileHandle handle, long length, int bufferSize)
        : BufferedIndexInput(description, bufferSize)
    {
        private bool _clone;
        private int _disposed;

        public override long Length => length;

        protected override void ReadInternal(byte[] b, int offset, int count)
        {
            var position = Position;
            if (position + count > length) throw new EndOfStreamException($"read past EOF: {this}");
            var span = b.AsSpan(offset, count);
            while (span.Length > 0)
            {
                var read = RandomAccess.Read(handle, span, position);
                if (read <= 0) throw new EndOfStreamException($"read past EOF: {this} at {position}");
                position += read;
                span = span[read..];
            }
        }

        protected override void SeekInternal(long pos) { }

        public override object Clone()
        {
            var clone = (PositionalInput)base.Clone();
            clone._clone = true;
            return clone;
        }

        protected override void Dispose(bool disposing)
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            if (disposing && !_clone) handle.Dispose();
        }
    }
}
