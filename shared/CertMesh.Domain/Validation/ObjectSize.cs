using System.Text.Json;
using CertMesh.Contracts;

namespace CertMesh.Domain.Validation;

/// <summary>An object's size as JSON, counted while it is written to nowhere: no copy of a large object is made.</summary>
public static class ObjectSize
{
    public static long JsonBytes<T>(T value)
    {
        using var counter = new CountingStream();
        JsonSerializer.Serialize(counter, value);
        return counter.Length;
    }

    /// <summary>The <see cref="ObjectLimits.MaxObjectBytes"/> check for <paramref name="value"/>, reported on the whole object.</summary>
    public static IEnumerable<FieldError> Check<T>(T value)
    {
        var bytes = JsonBytes(value);
        if (bytes > ObjectLimits.MaxObjectBytes)
        {
            yield return FieldErrors.TooLong("", bytes, ObjectLimits.MaxObjectBytes, "bytes as JSON", nameof(ObjectLimits.MaxObjectBytes));
        }
    }

    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
