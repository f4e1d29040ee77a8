namespace CertMesh.Acme.Problems;

/// <summary>An ACME exchange failed without a problem document (unexpected status, missing header, timeout).</summary>
public sealed class AcmeException : Exception
{
    public AcmeException(string message)
        : base(message)
    {
    }

    public AcmeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
