using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace CertMesh.Api.Tests.Support;

/// <summary>
/// One HTTP/1.1 request with a body over a bare socket that reads the answer while it is still sending the body, as curl does. A server
/// may answer 413 and close before an oversized body is sent; HttpClient then reports only a broken pipe, this reports the
/// answer and how much of the body went out before it came.
/// </summary>
internal static class RawHttp
{
    public sealed record Answer(int Status, string Body, long BytesSent, TimeSpan Elapsed);

    /// <summary>Sends <paramref name="bodyBytes"/> bytes of a YAML comment, generated as they are sent, with a declared
    /// length or chunked.</summary>
    public static Task<Answer> SendFillerAsync(string method, Uri baseAddress, string path, long bodyBytes, bool chunked, TimeSpan timeout, string? bearer = ApiHost.Token) =>
        SendAsync(method, baseAddress, path, Filler(bodyBytes), chunked ? null : bodyBytes, timeout, bearer);

    /// <summary>A YAML comment of <paramref name="bytes"/> bytes, generated as it is read.</summary>
    public static Stream Filler(long bytes) => new FillerStream(bytes);

    /// <summary>Sends <paramref name="body"/> with its length declared, or chunked when <paramref name="declaredLength"/> is null.</summary>
    public static async Task<Answer> SendAsync(string method, Uri baseAddress, string path, Stream body, long? declaredLength, TimeSpan timeout, string? bearer)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var clock = Stopwatch.StartNew();
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(baseAddress.Host, baseAddress.Port, cancel.Token);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var head = $"{method} {path} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nContent-Type: application/yaml\r\nConnection: close\r\n" +
                   (bearer is null ? "" : $"Authorization: Bearer {bearer}\r\n") +
                   (declaredLength is { } length ? $"Content-Length: {length}\r\n" : "Transfer-Encoding: chunked\r\n") + "\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancel.Token);

        var reading = ReadAnswerAsync(stream, cancel.Token);
        var sent = await SendBodyAsync(stream, body, chunked: declaredLength is null, reading, cancel.Token);
        var (status, answer) = await reading;
        return new Answer(status, answer, sent, clock.Elapsed);
    }

    private static async Task<long> SendBodyAsync(NetworkStream stream, Stream body, bool chunked, Task answered, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        long sent = 0;
        try
        {
            int n;
            while (!answered.IsCompleted && (n = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (chunked)
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(n.ToString("x", CultureInfo.InvariantCulture) + "\r\n"), cancellationToken);
                await stream.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
                if (chunked)
                    await stream.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
                sent += n;
            }
            if (chunked && !answered.IsCompleted)
                await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken);
        }
        catch (IOException)
        {
            // The server answered and closed: what it said is still in our receive buffer.
        }
        return sent;
    }

    /// <summary>Reads until the server closes (we asked it to), then splits status, headers and body.</summary>
    private static async Task<(int Status, string Body)> ReadAnswerAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        using var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer, cancellationToken)) > 0)
                received.Write(buffer, 0, n);
        }
        catch (IOException) when (received.Length > 0)
        {
            // A reset after the answer (the server did not read our body to its end).
        }
        var text = Encoding.UTF8.GetString(received.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0)
            throw new InvalidOperationException($"no HTTP answer, got {text.Length} characters: {text[..Math.Min(200, text.Length)]}");
        var headers = text[..split];
        var body = text[(split + 4)..];
        var status = int.Parse(headers.Split(' ', 3)[1], CultureInfo.InvariantCulture);
        if (headers.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
            body = Dechunk(body);
        return (status, body);
    }

    private static string Dechunk(string chunked)
    {
        var body = new StringBuilder();
        var position = 0;
        while (true)
        {
            var end = chunked.IndexOf("\r\n", position, StringComparison.Ordinal);
            var size = int.Parse(chunked[position..end], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
                return body.ToString();
            body.Append(chunked, end + 2, size);
            position = end + 2 + size + 2;
        }
    }

    /// <summary>"#xxxx…" of a given length, produced on demand (a YAML comment, never held whole).</summary>
    private sealed class FillerStream(long length) : Stream
    {
        private long _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            buffer.AsSpan(offset, n).Fill((byte)'x');
            if (_position == 0 && n > 0)
                buffer[offset] = (byte)'#';
            _position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
