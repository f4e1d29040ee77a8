using CertMesh.Client.Keys;
using CertMesh.Client.Tests.Support;
using Xunit;

namespace CertMesh.Client.Tests.Keys;

// File modes are a Unix matter; CertMesh runs on Linux.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeyStoreTests : IDisposable
{
    readonly TempDirectory _directory = new();

    [Fact]
    public void Write_NewFile_File0600InDirectory0700()
    {
        var store = new KeyStore(Path.Combine(_directory.Path, "shop", "checkout"));

        store.Write(KeyStore.KeyFile, "secret");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(store.Directory, KeyStore.KeyFile)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(store.Directory));
    }

    [Fact]
    public void Write_ExistingWideDirectory_NarrowedTo0700()
    {
        var directory = Path.Combine(_directory.Path, "wide");
        Directory.CreateDirectory(directory);
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        var store = new KeyStore(directory);

        store.Write(KeyStore.KeyFile, "secret");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
    }

    [Fact]
    public void Write_Twice_LastContentAndNoTemporaryFileLeft()
    {
        var store = new KeyStore(_directory.Path);

        store.Write(KeyStore.ChainFile, "one");
        store.Write(KeyStore.ChainFile, "two");

        Assert.Equal("two", store.Read(KeyStore.ChainFile));
        Assert.Equal([KeyStore.ChainFile], Directory.GetFiles(_directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Move_PendingOverCurrent_ReplacesAndRemovesSource()
    {
        var store = new KeyStore(_directory.Path);
        store.Write(KeyStore.KeyFile, "old");
        store.Write(KeyStore.PendingKeyFile, "new");

        Assert.True(store.Move(KeyStore.PendingKeyFile, KeyStore.KeyFile));

        Assert.Equal("new", store.Read(KeyStore.KeyFile));
        Assert.Null(store.Read(KeyStore.PendingKeyFile));
        Assert.False(store.Move(KeyStore.PendingKeyFile, KeyStore.KeyFile));
    }

    public void Dispose() => _directory.Dispose();
}
