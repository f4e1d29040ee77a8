namespace CertMesh.Dns.Wire;

/// <summary>A message that does not decode: truncated, looping pointers, or fields that disagree with their lengths.</summary>
public sealed class DnsFormatException(string message) : Exception("Malformed DNS message: " + message);
