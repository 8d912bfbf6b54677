using System.IO.Compression;
using System.Text;

namespace CompanionBot.Tests.Transport.Discord.Fakes;

/// <summary>
/// Discord's zlib-stream transport compression (Gateway doc, "Transport Compression"): one zlib context per
/// connection, each message flushed with Z_SYNC_FLUSH so it ends in 00 00 ff ff. The first message carries the zlib
/// header; later ones continue the same stream. Callers serialise calls (the connection's send lock).
/// </summary>
public sealed class ZlibStreamWriter : IDisposable
{
    private readonly MemoryStream _buffer = new();
    private readonly ZLibStream _zlib;

    public ZlibStreamWriter() => _zlib = new ZLibStream(_buffer, CompressionLevel.Fastest, leaveOpen: true);

    public byte[] Compress(string json)
    {
        _zlib.Write(Encoding.UTF8.GetBytes(json));
        _zlib.Flush(); // a sync flush: the message is complete and decodable, the stream goes on
        var frame = _buffer.ToArray();
        _buffer.SetLength(0);
        return frame;
    }

    public void Dispose()
    {
        _zlib.Dispose();
        _buffer.Dispose();
    }
}
