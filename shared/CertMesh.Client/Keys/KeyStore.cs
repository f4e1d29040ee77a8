using System.Text;

namespace CertMesh.Client.Keys;

/// <summary>
/// The files of one certificate, kept so that a restart serves at once and does not re-issue:
/// <c>key.pem</c> (PKCS#8) and <c>csr.pem</c> (the exact CSR last sent for it: re-sending the same bytes is what tells
/// CertMesh nothing changed), <c>tls.crt</c> (leaf then chain), and during a key rotation <c>pending-key.pem</c> and
/// <c>pending-csr.pem</c>.
/// </summary>
/// <remarks>
/// Why a 0600 file and not ASP.NET Core Data Protection: on Linux, Data Protection's key ring is itself a plain file
/// (<c>~/.aspnet/DataProtection-Keys</c>, unencrypted unless the application configures a certificate or a vault to
/// wrap it), so wrapping the TLS key with it moves the secret into a second file with the same protection, and adds a
/// way to lose the TLS key (a key ring that is not persisted, or that expired and was pruned). The TLS key is then
/// exactly as safe as nginx's, certbot's or a Kubernetes Secret mounted in a pod: readable by the application's OS
/// user only. The directory is 0700 and every file 0600 from its creation (never widened then narrowed), and each
/// write goes to a temporary file renamed over the old one, so a crash leaves either the old or the new file whole.
/// </remarks>
internal sealed class KeyStore
{
    const UnixFileMode FileMode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    const UnixFileMode DirectoryMode700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const string KeyFile = "key.pem";
    public const string CsrFile = "csr.pem";
    public const string ChainFile = "tls.crt";
    public const string PendingKeyFile = "pending-key.pem";
    public const string PendingCsrFile = "pending-csr.pem";

    public KeyStore(string directory) => Directory = directory;

    public string Directory { get; }

    public string? Read(string file)
    {
        var path = Path.Combine(Directory, file);
        return File.Exists(path) ? File.ReadAllText(path, Encoding.ASCII) : null;
    }

    public void Write(string file, string content)
    {
        EnsureDirectory();
        var path = Path.Combine(Directory, file);
        var temporary = Path.Combine(Directory, $".{file}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.WriteThrough };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode600;
        }
        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(Encoding.ASCII.GetBytes(content));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Renames <paramref name="from"/> over <paramref name="to"/> (one atomic step); false when there was none.</summary>
    public bool Move(string from, string to)
    {
        var source = Path.Combine(Directory, from);
        if (!File.Exists(source))
        {
            return false;
        }
        File.Move(source, Path.Combine(Directory, to), overwrite: true);
        return true;
    }

    public void Delete(string file) => File.Delete(Path.Combine(Directory, file));

    void EnsureDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
            return;
        }
        System.IO.Directory.CreateDirectory(Directory, DirectoryMode700);
        // CreateDirectory leaves an existing directory as it was: narrow it, it holds keys.
        File.SetUnixFileMode(Directory, DirectoryMode700);
    }
}
