using System.Net.Security;
using Akka.Event;
using System.Security.Cryptography.X509Certificates;
using Akka.Remote.Hosting;
using Akka.Remote.Transport.DotNetty;

namespace KuaSheng.Actors.Hosting;

/// <summary>Akka remoting options of a node: plain TCP, or TLS with mutual authentication against the cluster's CA
/// (<see cref="TlsSettings"/>). The certificate is loaded here and handed to Akka as an object, so its password never
/// enters the HOCON configuration (which Akka may print).</summary>
public static class ClusterTls
{
    public const string PlainProtocol = "akka.tcp";
    public const string TlsProtocol = "akka.ssl.tcp";

    /// <summary>The scheme of this node's addresses: Akka names TLS addresses <c>akka.ssl.tcp://</c>.</summary>
    public static string Protocol(TlsSettings tls) => tls.Enabled ? TlsProtocol : PlainProtocol;

    /// <summary>A seed address with this node's scheme: seeds may be written <c>akka.tcp://</c> whether TLS is on or not
    /// (a node only ever talks to nodes of its own kind).</summary>
    public static string Seed(string seed, TlsSettings tls)
    {
        var trimmed = seed.Trim();
        foreach (var scheme in new[] { TlsProtocol, PlainProtocol })
            if (trimmed.StartsWith(scheme + "://", StringComparison.OrdinalIgnoreCase))
                return Protocol(tls) + trimmed[scheme.Length..];
        return trimmed;
    }

    public static RemoteOptions Remoting(ClusterSettings cluster)
    {
        var options = new RemoteOptions
        {
            HostName = cluster.Hostname,
            Port = cluster.Port,
            PublicHostName = string.IsNullOrWhiteSpace(cluster.PublicHostname) ? null : cluster.PublicHostname,
        };
        var tls = cluster.Tls;
        if (tls.Problem() is { } problem) throw new InvalidOperationException(problem);
        if (!tls.Enabled) return options;

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(tls.CertificatePath!, tls.Password());
        if (!certificate.HasPrivateKey)
            throw new InvalidOperationException($"KuaSheng:Cluster:Tls:CertificatePath: {tls.CertificatePath} has no private key.");
        options.EnableSsl = true;
        options.Ssl = new SslOptions
        {
            X509Certificate = certificate,
            SuppressValidation = false,
            RequireMutualAuthentication = true,
            ValidateCertificateHostname = tls.ValidateHostname,
            CustomValidator = string.IsNullOrWhiteSpace(tls.CaCertificatePath) ? null : TrustOnly(LoadCa(tls.CaCertificatePath), tls.ValidateHostname),
        };
        return options;
    }

    /// <summary>The CA certificate(s) of a PEM file (several may be concatenated) or of one DER file.</summary>
    public static X509Certificate2Collection LoadCa(string path)
    {
        var text = File.ReadAllText(path);
        var roots = new X509Certificate2Collection();
        if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)) roots.ImportFromPem(text);
        else roots.Add(X509CertificateLoader.LoadCertificateFromFile(path));
        if (roots.Count == 0) throw new InvalidOperationException($"KuaSheng:Cluster:Tls:CaCertificatePath: no certificate in {path}.");
        return roots;
    }

    /// <summary>Accepts a peer (server or client side of the handshake) only when it presents a certificate that chains to
    /// one of <paramref name="roots"/>, whatever the machine's trust store says.</summary>
    public static CertificateValidationCallback TrustOnly(X509Certificate2Collection roots, bool validateHostname) =>
        (certificate, chain, peer, errors, log) =>
        {
            if (certificate is null)
            {
                log.Warning("TLS: {0} presented no certificate; refused", peer);
                return false;
            }
            if (validateHostname && errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            {
                log.Warning("TLS: the certificate {0} of {1} does not name that host; refused", certificate.Subject, peer);
                return false;
            }
            var status = ChainStatus(certificate, chain, roots);
            if (status is null) return true;
            log.Warning("TLS: the certificate {0} (issuer {1}) of {2} is not one of this cluster's ({3}); refused",
                certificate.Subject, certificate.Issuer, peer, status);
            return false;
        };

    /// <summary>Null when <paramref name="certificate"/> chains to one of <paramref name="roots"/> (and is valid now), else
    /// what is wrong.</summary>
    public static string? ChainStatus(X509Certificate2 certificate, X509Chain? presented, X509Certificate2Collection roots)
    {
        using var own = new X509Chain();
        own.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        own.ChainPolicy.CustomTrustStore.AddRange(roots);
        own.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // Intermediates the peer sent may complete the chain; trust still comes only from the roots.
        if (presented is not null)
            foreach (var element in presented.ChainElements)
                if (!element.Certificate.Equals(certificate)) own.ChainPolicy.ExtraStore.Add(element.Certificate);
        if (own.Build(certificate)) return null;
        var problems = own.ChainStatus.Select(s => s.Status.ToString()).Distinct().ToList();
        return problems.Count == 0 ? "chain not built" : string.Join(", ", problems);
    }
}
