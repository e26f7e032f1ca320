using Lucene.Net.Store;

namespace Qifu.Web.Modules.Search.Engine;

/// <summary>
/// NIOFSDirectory (see SearchIndex.Open for why not memory-mapped) with read buffers sized to what is read. The default 1 KB
/// buffer turned every hit's stored fields into a dozen reads of one compressed 16 KB chunk (about 90 µs of CPU per hit);
/// postings are read front to back, so a larger buffer saves reads there too. Compound files are switched off in the writer
/// so these files are opened by name.
/// </summary>
internal sealed class SearchDirectory(string path) : NIOFSDirectory(path)
{
    public override IndexInput OpenInput(string name, IOContext context)
    {
        var input = base.OpenInput(name, context);
        var size = Path.GetExtension(name) switch
        {
            ".fdt" => 16 * 1024,      // stored fields: one compressed chunk per hit
            ".doc" or ".pos" => 8 * 1024, // postings and positions, read in order
            _ => 0,
        };
        // Clones (one per searching thread) copy the buffer size.
        if (size > 0 && input is BufferedIndexInput buffered && buffered.BufferSize < size) buffered.SetBufferSize(size);
        return input;
    }
}
