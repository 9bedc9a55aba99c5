package dev.capfleet.transport;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import org.apache.sshd.client.auth.pubkey.KeyAgentIdentity;
import org.apache.sshd.client.auth.pubkey.PublicKeyIdentity;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKey;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyIterator;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.signature.SignatureFactoriesManager;

/**
 * Public-key authentication as OpenSSH's {@code IdentitiesOnly yes} does it: a session that has
 * keys from files (the {@code --private-key} or the host's own) offers those only; the ssh-agent's
 * keys are offered when no file key could be used. MINA offers the agent's keys first, so an agent
 * holding six keys used up sshd's {@code MaxAuthTries} before the given key was tried.
 */
final class KeysBeforeAgent extends UserAuthPublicKeyFactory {
  /** Set on a session that has usable keys from files. */
  static final AttributeKey<Boolean> FILE_KEYS = new AttributeKey<>();

  @Override
  public UserAuthPublicKey createUserAuth(ClientSession session) throws IOException {
    return new UserAuthPublicKey(getSignatureFactories()) {
      @Override
      protected Iterator<PublicKeyIdentity> createPublicKeyIterator(
          ClientSession s, SignatureFactoriesManager signatures) throws Exception {
        return new UserAuthPublicKeyIterator(s, signatures) {
          @Override
          protected Iterable<KeyAgentIdentity> initializeAgentIdentities(ClientSession c)
              throws IOException {
            return Boolean.TRUE.equals(c.getAttribute(FILE_KEYS))
                ? List.of()
                : super.initializeAgentIdentities(c);
          }
        };
      }
    };
  }
}
