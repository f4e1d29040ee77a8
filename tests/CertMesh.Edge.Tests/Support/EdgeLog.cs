namespace CertMesh.Edge.Tests.Support;

/// <summary>What an Edge process has logged so far (its file is still being written).</summary>
public static class EdgeLog
{
    public static string Read(ServiceProcess edge)
    {
        using var stream = new FileStream(edge.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
