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
/// </summary>
internal sealed class SearchDirectory(string path) : NIOFSDirectory(path)
{
    public override IndexInput OpenInput(string name, IOContext context)
    {
        EnsureOpen();
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
