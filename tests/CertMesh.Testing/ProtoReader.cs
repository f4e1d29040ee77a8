namespace CertMesh.Testing;

/// <summary>
/// The protobuf wire format, read forward: a tag (field number and wire type) then its value. Enough to walk any
/// message and pick out length-delimited fields (strings, bytes, nested messages); everything else is skipped.
/// </summary>
public ref struct ProtoReader(ReadOnlySpan<byte> buffer)
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    readonly ReadOnlySpan<byte> _buffer = buffer;
    int _position;

    /// <returns>false at the end of the message.</returns>
    public bool Next(out int field, out int wireType)
    {
        if (_position >= _buffer.Length)
        {
            field = wireType = 0;
            return false;
        }
        var tag = ReadVarint();
        field = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        return true;
    }

    /// <summary>The value of a length-delimited field.</summary>
    public ReadOnlySpan<byte> Bytes()
    {
        var length = checked((int)ReadVarint());
        if (length < 0 || _position + length > _buffer.Length)
            throw new FormatException($"a field of {length} bytes runs past the end of the message at {_position}");
        var bytes = _buffer.Slice(_position, length);
        _position += length;
        return bytes;
    }

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case Varint: ReadVarint(); break;
            case Fixed64: Advance(8); break;
            case LengthDelimited: Bytes(); break;
            case Fixed32: Advance(4); break;
            default: throw new FormatException($"wire type {wireType} (groups) is not used by OTLP");
        }
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _buffer.Length)
                throw new FormatException("a varint runs past the end of the message");
            var b = _buffer[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return value;
        }
        throw new FormatException("a varint longer than 10 bytes");
    }

    void Advance(int count)
    {
        if (_position + count > _buffer.Length)
            throw new FormatException("a fixed-size field runs past the end of the message");
        _position += count;
    }
}
