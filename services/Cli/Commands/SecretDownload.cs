using CertMesh.Cli.Http;
using CertMesh.Cli.Resources;

namespace CertMesh.Cli.Commands;

/// <summary>
/// <c>get secret NAME --out DIR</c>: fetches the Secret's data (an authenticated call) and writes one file per
/// key. Files holding private key material are created readable by the owner only (0600).
/// </summary>
internal static class SecretDownload
{
    private static readonly HashSet<string> PrivateFiles = ["tls.key", "key.der", "tls-combined.pem", "keystore.p12", "keystore.jks"];

    public static async Task<int> RunAsync(CliContext context, string ns, string name, string directory, CancellationToken ct)
    {
        var response = await context.Api.GetAsync(ApiPaths.Secret(ns, name), ct);
        if (!response.IsSuccess) throw ApiErrors.From(response, context.Api, Kinds.Secret, name);

        var files = new List<(string Key, byte[] Bytes)>();
        if (response.Json().At("data") is { ValueKind: System.Text.Json.JsonValueKind.Object } data)
            foreach (var entry in data.EnumerateObject())
                files.Add((CheckKey(entry.Name), Decode(entry.Name, entry.Value.GetString())));
        if (files.Count == 0) throw new CliException($"error: secret \"{name}\" has no data");

        try
        {
            Directory.CreateDirectory(directory);
            foreach (var (key, bytes) in files)
            {
                var path = Path.Combine(directory, key);
                await WriteAsync(path, bytes, PrivateFiles.Contains(key), ct);
                await context.Out.WriteLineAsync(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"error: cannot write to \"{directory}\": {e.Message}");
        }
        return ExitCodes.Success;
    }

    private static async Task WriteAsync(string path, byte[] bytes, bool isPrivate, CancellationToken ct)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        var unix = !OperatingSystem.IsWindows();
        var mode = isPrivate ? UnixFileMode.UserRead | UnixFileMode.UserWrite
            : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        if (unix) options.UnixCreateMode = mode;
        await using (var file = new FileStream(path, options))
            await file.WriteAsync(bytes, ct);
        // UnixCreateMode applies to new files only; an existing file keeps its mode unless set here.
        if (unix) File.SetUnixFileMode(path, mode);
    }

    /// <summary>Keys come from the server; never let one name a path outside DIR.</summary>
    private static string CheckKey(string key) =>
        key.Length == 0 || key is "." or ".." || key.IndexOfAny(['/', '\\', '\0']) >= 0
            ? throw new CliException($"error: the server sent a secret key that is not a file name: \"{key}\"")
            : key;

    private static byte[] Decode(string key, string? base64)
    {
        try
        {
            return Convert.FromBase64String(base64 ?? "");
        }
        catch (FormatException)
        {
            throw new CliException($"error: the server sent key \"{key}\" not base64-encoded");
        }
    }
}
