using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KuaSheng.Host.Tests;

/// <summary>A throwaway certificate authority for tests (no openssl): its certificate as PEM, and PKCS#12 node certificates
/// it signs (ECDSA P-256, server and client authentication, SAN 127.0.0.1 and localhost).</summary>
internal sealed class TestCa : IDisposable
{
    private readonly ECDsa _key;
    private readonly TempFolder _folder = new();

    public TestCa(string name)
    {
        _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        CertificatePath = Path.Combine(_folder.Path, "ca.crt");
        File.WriteAllText(CertificatePath, Certificate.ExportCertificatePem());
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>The CA certificate, PEM (what KuaSheng:Cluster:Tls:CaCertificatePath names).</summary>
    public string CertificatePath { get; }

    /// <summary>A node certificate signed by this CA, written as a PKCS#12 file with <paramref name="password"/>.</summary>
    public string IssueNode(string name, string password)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var signed = request.Create(Certificate, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7), serial);
        using var withKey = signed.CopyWithPrivateKey(key);
        var path = Path.Combine(_folder.Path, name + ".p12");
        File.WriteAllBytes(path, withKey.Export(X509ContentType.Pkcs12, password));
        return path;
    }

    /// <summary>A file in this CA's folder (e.g. a password file).</summary>
    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(_folder.Path, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
        _folder.Dispose();
    }
}
