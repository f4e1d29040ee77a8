using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CertMesh.Acme;

/// <summary>
/// RFC 3339 timestamps: Boulder writes nanosecond fractions, which DateTimeOffset's round-trip format cannot take,
/// so fractions are cut to 7 digits before parsing; written back in UTC with a Z.
/// </summary>
internal sealed class Rfc3339Converter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string text = reader.GetString() ?? throw new JsonException("Expected an RFC 3339 timestamp.");
        int dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            int end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            if (end - dot - 1 > 7)
            {
                text = text[..(dot + 8)] + text[end..];
            }
        }

        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
