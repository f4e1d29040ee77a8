using System.Net;
using System.Net.Sockets;
using System.Text;
using CertMesh.Acme.Challenges;

namespace CertMesh.ChallengeSolver.SelfCheck;

/// <summary>
/// Makes the GET the CA's validator will make, as cert-manager does before accepting: <c>http://&lt;dnsName&gt;/.well-known/acme-challenge/&lt;token&gt;</c>
/// must answer 200 with exactly the key authorization. A miss is reported in cert-manager's words.
/// </summary>
internal sealed class Http01SelfCheck(HttpClient http)
{
    // Enough for any key authorization (about 87 bytes); an edge answering with a whole page is cut off.
    const int MaxBody = 16 * 1024;
    const int ShownPrefix = 24;

    public static Uri UrlFor(string dnsName, string token)
    {
        var host = IPAddress.TryParse(dnsName, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{dnsName}]" : dnsName;
        return new Uri($"http://{host}{KeyAuthorization.Http01Path(token)}");
    }

    public async Task<SelfCheckResult> CheckAsync(string dnsName, string token, string keyAuthorization, CancellationToken cancellationToken)
    {
        var url = UrlFor(dnsName, token);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
                return SelfCheckResult.Miss($"wrong status code '{(int)response.StatusCode}', expected '200'");
            var body = await ReadBodyAsync(response, cancellationToken);
            if (body != keyAuthorization)
                return SelfCheckResult.Miss($"presented key ({Shown(body)}) did not match expected ({keyAuthorization})");
            return SelfCheckResult.Pass;
        }
        catch (HttpRequestException exception)
        {
            return SelfCheckResult.Miss($"failed to perform self check GET request '{url}': {Describe(exception)}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SelfCheckResult.Miss($"failed to perform self check GET request '{url}': no answer within {SelfCheckHttp.RequestTimeout.TotalSeconds:0}s");
        }
    }

    static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxBody];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            length += read;
        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    // As cert-manager: a long answer is shown truncated, so a whole HTML page does not end up in the status.
    static string Shown(string body) =>
        body.Length > ShownPrefix ? body[..ShownPrefix].Trim() + "... (truncated)" : body;

    static string Describe(HttpRequestException exception) =>
        exception.InnerException is SocketException socket ? $"{exception.Message} ({socket.SocketErrorCode})" : exception.Message;
}
