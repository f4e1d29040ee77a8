using System.Text;
using System.Text.Json;
using CertMesh.Acme.Problems;

namespace CertMesh.Acme.Http;

/// <summary>Reads ACME JSON bodies; a malformed one names the URL and shows a short prefix (bodies carry no secrets).</summary>
internal static class AcmeBody
{
    public static T Read<T>(byte[] body, Uri url)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, AcmeJson.Options)
                ?? throw new AcmeException($"The CA answered {url} with an empty body.");
        }
        catch (JsonException ex)
        {
            string preview = Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(200, body.Length)));
            throw new AcmeException($"The CA's answer from {url} is not a valid {typeof(T).Name}: {ex.Message} ({preview})", ex);
        }
    }
}
