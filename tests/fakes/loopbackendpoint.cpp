#include "loopbackendpoint.h"

#include <QAbstractHttpServer>
#include <QSslKey>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <functional>
#include <memory>

namespace Sb::Fakes {

namespace {

template<typename T, void (*Free)(T *)>
using Owned = std::unique_ptr<T, decltype([](T *p) { Free(p); })>;

QByteArray pemOf(const std::function<int(BIO *)> &write)
{
    Owned<BIO, BIO_free_all> bio(BIO_new(BIO_s_mem()));
    if (!bio || write(bio.get()) != 1)
        return {};
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, size);
}

bool addExtension(X509 *certificate, int nid, const char *value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    Owned<X509_EXTENSION, X509_EXTENSION_free> extension(
        X509V3_EXT_conf_nid(nullptr, &context, nid, value));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

// A self-signed P-256 certificate for IP 127.0.0.1, valid for a day, and its key, as PEM. The key
// exists only in this process's memory and is never written anywhere.
std::pair<QByteArray, QByteArray> makeLoopbackCertificate()
{
    Owned<EVP_PKEY, EVP_PKEY_free> key(EVP_EC_gen("P-256"));
    Owned<X509, X509_free> certificate(X509_new());
    unsigned char serial[8];
    if (!key || !certificate || RAND_bytes(serial, sizeof serial) != 1)
        return {};
    X509 *cert = certificate.get();
    Owned<BIGNUM, BN_free> serialNumber(BN_bin2bn(serial, sizeof serial, nullptr));
    X509_NAME *name = X509_get_subject_name(cert);
    const bool made = X509_set_version(cert, X509_VERSION_3) == 1 && serialNumber
        && BN_to_ASN1_INTEGER(serialNumber.get(), X509_get_serialNumber(cert))
        && X509_gmtime_adj(X509_getm_notBefore(cert), -300)
        && X509_gmtime_adj(X509_getm_notAfter(cert), 24 * 3600)
        && X509_set_pubkey(cert, key.get()) == 1
        && X509_NAME_add_entry_by_txt(name,
                                      "CN",
                                      MBSTRING_ASC,
                                      reinterpret_cast<const unsigned char *>("127.0.0.1"),
                                      -1,
                                      -1,
                                      0)
            == 1
        && X509_set_issuer_name(cert, name) == 1
        && addExtension(cert, NID_basic_constraints, "critical,CA:TRUE")
        && addExtension(cert, NID_subject_alt_name, "IP:127.0.0.1")
        && X509_sign(cert, key.get(), EVP_sha256()) > 0;
    if (!made)
        return {};
    return {
        pemOf([cert](BIO *bio) { return PEM_write_bio_X509(bio, cert); }), pemOf([&key](BIO *bio) {
            return PEM_write_bio_PrivateKey(bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
        })};
}

} // namespace

QString LoopbackEndpoint::baseUrl() const
{
    return QStringLiteral("%1://127.0.0.1:%2")
        .arg(certificate.isNull() ? QStringLiteral("http") : QStringLiteral("https"))
        .arg(port);
}

LoopbackEndpoint listenOnLoopback(QAbstractHttpServer &server, Transport transport)
{
    LoopbackEndpoint endpoint;
    if (transport == Transport::Https) {
        const auto [certificatePem, keyPem] = makeLoopbackCertificate();
        endpoint.certificate = QSslCertificate(certificatePem);
        const QSslKey key(keyPem, QSsl::Ec);
        if (endpoint.certificate.isNull() || key.isNull())
            qFatal("fake provider: could not make a TLS certificate for 127.0.0.1");
        server.sslSetup(endpoint.certificate, key);
    }
    endpoint.port = server.listen(QHostAddress::LocalHost, 0);
    if (endpoint.port == 0)
        qFatal("fake provider: could not listen on 127.0.0.1");
    return endpoint;
}

} // namespace Sb::Fakes
