package dev.capfleet.transport;

import java.io.IOException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.sshd.client.auth.pubkey.KeyAgentIdentity;
import org.apache.sshd.client.auth.pubkey.KeyPairIdentity;
import org.apache.sshd.client.auth.pubkey.PublicKeyIdentity;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKey;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyIterator;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.signature.SignatureFactoriesManager;

/**
 * Which keys public-key authentication offers, and in which order, after ssh_config's {@code
 * IdentitiesOnly}. MINA offers every agent key first and the file keys after.
 *
 * <ul>
 *   <li>{@code IdentitiesOnly yes}: the identity files' keys only, in file order, never the agent's
 *       others (OpenSSH signs with the agent's copy of a file key, which makes no difference to
 *       what is offered).
 *   <li>{@code IdentitiesOnly no}, as OpenSSH orders it ({@code ssh -v}: "Will attempt key"): the
 *       agent's keys that are also identity files, in file order; then the agent's other keys; then
 *       the identity files' remaining keys. An agent with six other keys uses up sshd's {@code
 *       MaxAuthTries} before a file key, in ssh as here.
 *   <li>Not set: capfleet's default, for the reason just given: the file keys alone when there are
 *       usable ones, the agent's keys only when there are none.
 * </ul>
 */
final class KeysBeforeAgent extends UserAuthPublicKeyFactory {
  /** Set on every session before its authentication starts. */
  static final AttributeKey<Policy> POLICY = new AttributeKey<>();

  /**
   * One session's choice.
   *
   * @param fileKeys the usable keys of the identity files, in order
   * @param identitiesOnly ssh_config's IdentitiesOnly, or null
   */
  record Policy(List<KeyPair> fileKeys, Boolean identitiesOnly) {
    Policy {
      fileKeys = List.copyOf(fileKeys);
    }

    boolean agentOffered() {
      return Boolean.FALSE.equals(identitiesOnly) || (identitiesOnly == null && fileKeys.isEmpty());
    }

    boolean inFiles(KeyAgentIdentity agentKey) {
      return fileKeys.stream()
          .anyMatch(
              f -> KeyUtils.compareKeys(f.getPublic(), agentKey.getKeyIdentity().getPublic()));
    }
  }

  @Override
  public UserAuthPublicKey createUserAuth(ClientSession session) throws IOException {
    return new UserAuthPublicKey(getSignatureFactories()) {
      @Override
      protected Iterator<PublicKeyIdentity> createPublicKeyIterator(
          ClientSession s, SignatureFactoriesManager signatures) throws Exception {
        return new UserAuthPublicKeyIterator(s, signatures) {
          // what the agent offered; MINA asks for the agent's keys before the session's (no
          // initializer: MINA may call the methods below from its constructor)
          private List<KeyAgentIdentity> agentKeys;

          @Override
          protected Iterable<KeyAgentIdentity> initializeAgentIdentities(ClientSession c)
              throws IOException {
            Policy p = policy(c);
            if (!p.agentOffered()) {
              return List.of();
            }
            List<KeyAgentIdentity> first = new ArrayList<>();
            List<KeyAgentIdentity> others = new ArrayList<>();
            for (KeyAgentIdentity id : super.initializeAgentIdentities(c)) {
              (p.inFiles(id) ? first : others).add(id);
            }
            first.sort(java.util.Comparator.comparingInt(id -> fileIndex(p.fileKeys(), id)));
            first.addAll(others);
            agentKeys = first;
            return first;
          }

          @Override
          protected Iterable<KeyPairIdentity> initializeSessionIdentities(
              ClientSession c, SignatureFactoriesManager signatures) {
            Policy p = policy(c);
            if (!Boolean.FALSE.equals(p.identitiesOnly())) {
              return super.initializeSessionIdentities(c, signatures);
            }
            // the agent already offered the file keys it holds: each key is offered once
            List<KeyPairIdentity> rest = new ArrayList<>();
            for (KeyPairIdentity id : super.initializeSessionIdentities(c, signatures)) {
              if (!held(agentKeys, id)) {
                rest.add(id);
              }
            }
            return rest;
          }
        };
      }
    };
  }

  private static Policy policy(ClientSession c) {
    Policy p = c.getAttribute(POLICY);
    return p == null ? new Policy(List.of(), null) : p;
  }

  private static boolean held(List<KeyAgentIdentity> agentKeys, KeyPairIdentity id) {
    return agentKeys != null
        && agentKeys.stream()
            .anyMatch(
                a ->
                    KeyUtils.compareKeys(
                        a.getKeyIdentity().getPublic(), id.getKeyIdentity().getPublic()));
  }

  private static int fileIndex(List<KeyPair> files, KeyAgentIdentity id) {
    for (int i = 0; i < files.size(); i++) {
      if (KeyUtils.compareKeys(files.get(i).getPublic(), id.getKeyIdentity().getPublic())) {
        return i;
      }
    }
    return files.size();
  }
}
