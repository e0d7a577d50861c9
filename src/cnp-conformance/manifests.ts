// The suite's base manifests (conformance/base), as data: namespaces renamed (network-policy-conformance-X is X).
// Written down from the module; rendered into every scenario that creates them.

import type { Json } from './spec.js';

export const BASE_MANIFESTS: Readonly<Record<string, readonly Json[]>> = {
  'admin_tier/standard-egress-inline-cidr-rules.yaml': [
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'inline-cidr-as-peers-example' },
      spec: {
        tier: 'Admin',
        priority: 85,
        subject: {
          pods: {
            namespaceSelector: { matchLabels: { 'conformance-house': 'gryffindor' } },
            podSelector: { matchLabels: { 'conformance-house': 'gryffindor' } },
          },
        },
        egress: [
          {
            name: 'allow-egress-to-slytherin',
            action: 'Accept',
            to: [
              {
                pods: {
                  namespaceSelector: { matchLabels: { 'conformance-house': 'slytherin' } },
                  podSelector: { matchLabels: { 'conformance-house': 'slytherin' } },
                },
              },
            ],
          },
          { name: 'deny-egress-to-internet', action: 'Deny', to: [{ networks: ['0.0.0.0/0', '::/0'] }] },
        ],
      },
    },
  ],
  'admin_tier/standard-egress-sctp-rules.yaml': [
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'egress-sctp' },
      spec: {
        tier: 'Admin',
        priority: 8,
        subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } },
        egress: [
          {
            name: 'allow-to-gryffindor-everything',
            action: 'Accept',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } }],
          },
          {
            name: 'deny-to-gryffindor-everything',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } }],
          },
          {
            name: 'pass-to-gryffindor-everything',
            action: 'Pass',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } }],
          },
          {
            name: 'deny-to-slytherin-at-port-9003',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [{ sctp: { destinationPort: { number: 9003 } } }],
          },
          {
            name: 'pass-to-slytherin-at-port-9003',
            action: 'Pass',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [{ sctp: { destinationPort: { number: 9003 } } }],
          },
          {
            name: 'allow-to-hufflepuff-at-port-9003',
            action: 'Accept',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
            protocols: [{ sctp: { destinationPort: { number: 9003 } } }],
          },
          {
            name: 'deny-to-hufflepuff-everything-else',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
          },
        ],
      },
    },
  ],
  'admin_tier/standard-egress-tcp-rules.yaml': [
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'egress-tcp' },
      spec: {
        tier: 'Admin',
        priority: 6,
        subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } },
        egress: [
          {
            name: 'allow-to-ravenclaw-everything',
            action: 'Accept',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
          },
          {
            name: 'deny-to-ravenclaw-everything',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
          },
          {
            name: 'pass-to-ravenclaw-everything',
            action: 'Pass',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
          },
          {
            name: 'deny-to-slytherin-at-port-80',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [{ tcp: { destinationPort: { number: 80 } } }],
          },
          {
            name: 'pass-to-slytherin-at-port-80',
            action: 'Pass',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [{ tcp: { destinationPort: { number: 80 } } }],
          },
          {
            name: 'allow-to-hufflepuff-at-port-8080',
            action: 'Accept',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
            protocols: [{ tcp: { destinationPort: { number: 8080 } } }],
          },
          {
            name: 'deny-to-hufflepuff-everything-else',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
          },
        ],
      },
    },
  ],
  'admin_tier/standard-egress-udp-rules.yaml': [
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'egress-udp' },
      spec: {
        tier: 'Admin',
        priority: 7,
        subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } },
        egress: [
          {
            name: 'allow-to-ravenclaw-everything',
            action: 'Accept',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
          },
          {
            name: 'deny-to-ravenclaw-everything',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
          },
          {
            name: 'pass-to-ravenclaw-everything',
            action: 'Pass',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
          },
          {
            name: 'deny-to-slytherin-at-port-5353',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [{ udp: { destinationPort: { number: 5353 } } }],
          },
          {
            name: 'pass-to-slytherin-at-port-5353',
            action: 'Pass',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [{ udp: { destinationPort: { number: 5353 } } }],
          },
          {
            name: 'allow-to-gryffindor-at-port-53',
            action: 'Accept',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } }],
            protocols: [{ udp: { destinationPort: { number: 53 } } }],
          },
          {
            name: 'deny-to-gryffindor-everything-else',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } }],
          },
        ],
      },
    },
  ],
  'admin_tier/standard-gress-rules-combined.yaml': [
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'gress-rules' },
      spec: {
        tier: 'Admin',
        priority: 15,
        subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } },
        egress: [
          {
            name: 'allow-to-ravenclaw-everything',
            action: 'Accept',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
          },
          {
            name: 'deny-to-ravenclaw-everything',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
          },
          {
            name: 'pass-to-ravenclaw-everything',
            action: 'Pass',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
          },
          {
            name: 'deny-to-slytherin-at-ports-80-53-9003',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [
              { tcp: { destinationPort: { number: 80 } } },
              { udp: { destinationPort: { number: 53 } } },
              { sctp: { destinationPort: { number: 9003 } } },
            ],
          },
          {
            name: 'pass-to-slytherin-at-port-80-53-9003',
            action: 'Pass',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [
              { tcp: { destinationPort: { number: 80 } } },
              { udp: { destinationPort: { number: 53 } } },
              { sctp: { destinationPort: { number: 9003 } } },
            ],
          },
          {
            name: 'allow-to-hufflepuff-at-ports-8080-5353-9003',
            action: 'Accept',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
            protocols: [
              { tcp: { destinationPort: { number: 8080 } } },
              { udp: { destinationPort: { number: 5353 } } },
              { sctp: { destinationPort: { number: 9003 } } },
            ],
          },
          {
            name: 'deny-to-hufflepuff-everything-else',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
          },
        ],
        ingress: [
          {
            name: 'allow-from-ravenclaw-everything',
            action: 'Accept',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
          },
          {
            name: 'deny-from-ravenclaw-everything',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
          },
          {
            name: 'pass-from-ravenclaw-everything',
            action: 'Pass',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
          },
          {
            name: 'deny-from-slytherin-at-port-80-53-9003',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [
              { tcp: { destinationPort: { number: 80 } } },
              { udp: { destinationPort: { number: 53 } } },
              { sctp: { destinationPort: { number: 9003 } } },
            ],
          },
          {
            name: 'pass-from-slytherin-at-port-80-53-9003',
            action: 'Pass',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [
              { tcp: { destinationPort: { number: 80 } } },
              { udp: { destinationPort: { number: 53 } } },
              { sctp: { destinationPort: { number: 9003 } } },
            ],
          },
          {
            name: 'allow-from-hufflepuff-at-port-80-5353-9003',
            action: 'Accept',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
            protocols: [
              { tcp: { destinationPort: { number: 80 } } },
              { udp: { destinationPort: { number: 5353 } } },
              { sctp: { destinationPort: { number: 9003 } } },
            ],
          },
          {
            name: 'deny-from-hufflepuff-everything-else',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
          },
        ],
      },
    },
  ],
  'admin_tier/standard-ingress-sctp-rules.yaml': [
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'ingress-sctp' },
      spec: {
        tier: 'Admin',
        priority: 5,
        subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } },
        ingress: [
          {
            name: 'allow-from-gryffindor-everything',
            action: 'Accept',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } }],
          },
          {
            name: 'deny-from-gryffindor-everything',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } }],
          },
          {
            name: 'pass-from-gryffindor-everything',
            action: 'Pass',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } }],
          },
          {
            name: 'deny-from-slytherin-at-port-9003',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [{ sctp: { destinationPort: { number: 9003 } } }],
          },
          {
            name: 'pass-from-slytherin-at-port-9003',
            action: 'Pass',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [{ sctp: { destinationPort: { number: 9003 } } }],
          },
          {
            name: 'allow-from-hufflepuff-at-port-9003',
            action: 'Accept',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
            protocols: [{ sctp: { destinationPort: { number: 9003 } } }],
          },
          {
            name: 'deny-from-hufflepuff-everything-else',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
          },
        ],
      },
    },
  ],
  'admin_tier/standard-ingress-tcp-rules.yaml': [
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'ingress-tcp' },
      spec: {
        tier: 'Admin',
        priority: 3,
        subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } },
        ingress: [
          {
            name: 'allow-from-ravenclaw-everything',
            action: 'Accept',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
          },
          {
            name: 'deny-from-ravenclaw-everything',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
          },
          {
            name: 'pass-from-ravenclaw-everything',
            action: 'Pass',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
          },
          {
            name: 'deny-from-slytherin-at-port-80',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [{ tcp: { destinationPort: { number: 80 } } }],
          },
          {
            name: 'pass-from-slytherin-at-port-80',
            action: 'Pass',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [{ tcp: { destinationPort: { number: 80 } } }],
          },
          {
            name: 'allow-from-hufflepuff-at-port-80',
            action: 'Accept',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
            protocols: [{ tcp: { destinationPort: { number: 80 } } }],
          },
          {
            name: 'deny-from-hufflepuff-everything-else',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
          },
        ],
      },
    },
  ],
  'admin_tier/standard-ingress-udp-rules.yaml': [
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'ingress-udp' },
      spec: {
        tier: 'Admin',
        priority: 4,
        subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } },
        ingress: [
          {
            name: 'allow-from-ravenclaw-everything',
            action: 'Accept',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
          },
          {
            name: 'deny-from-ravenclaw-everything',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
          },
          {
            name: 'pass-from-ravenclaw-everything',
            action: 'Pass',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
          },
          {
            name: 'deny-from-slytherin-at-port-5353',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [{ udp: { destinationPort: { number: 5353 } } }],
          },
          {
            name: 'pass-from-slytherin-at-port-5353',
            action: 'Pass',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [{ udp: { destinationPort: { number: 5353 } } }],
          },
          {
            name: 'allow-from-gryffindor-at-port-53',
            action: 'Accept',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } }],
            protocols: [{ udp: { destinationPort: { number: 53 } } }],
          },
          {
            name: 'deny-from-gryffindor-everything-else',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } }],
          },
        ],
      },
    },
  ],
  'admin_tier/standard-pod-selector-rules.yaml': [
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'pod-selector-rules' },
      spec: {
        tier: 'Admin',
        priority: 20,
        subject: { pods: { podSelector: { matchLabels: { 'conformance-house': 'gryffindor' } } } },
        egress: [
          {
            name: 'allow-to-luna-lovegood-0-tcp-80',
            action: 'Accept',
            to: [
              {
                pods: {
                  namespaceSelector: { matchLabels: { 'conformance-house': 'ravenclaw' } },
                  podSelector: { matchLabels: { 'statefulset.kubernetes.io/pod-name': 'luna-lovegood-0' } },
                },
              },
            ],
            protocols: [{ tcp: { destinationPort: { number: 80 } } }],
          },
          {
            name: 'deny-to-ravenclaw-pods',
            action: 'Deny',
            to: [{ pods: { podSelector: { matchLabels: { 'conformance-house': 'ravenclaw' } } } }],
          },
        ],
        ingress: [
          {
            name: 'allow-from-draco-malfoy-0',
            action: 'Accept',
            from: [
              {
                pods: {
                  namespaceSelector: { matchLabels: { 'conformance-house': 'slytherin' } },
                  podSelector: { matchLabels: { 'statefulset.kubernetes.io/pod-name': 'draco-malfoy-0' } },
                },
              },
            ],
          },
          {
            name: 'deny-from-slytherin-pods',
            action: 'Deny',
            from: [{ pods: { podSelector: { matchLabels: { 'conformance-house': 'slytherin' } } } }],
          },
          {
            name: 'deny-from-blocked-hufflepuff-pods',
            action: 'Deny',
            from: [
              {
                pods: {
                  namespaceSelector: { matchLabels: { 'conformance-house': 'hufflepuff' } },
                  podSelector: { matchLabels: { 'conformance-role': 'blocked' } },
                },
              },
            ],
          },
        ],
      },
    },
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'label-selected-subject-rules' },
      spec: {
        tier: 'Admin',
        priority: 21,
        subject: {
          pods: {
            namespaceSelector: { matchLabels: { 'conformance-house': 'ravenclaw' } },
            podSelector: { matchLabels: { 'conformance-role': 'restricted' } },
          },
        },
        egress: [
          {
            name: 'deny-to-slytherin',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
          },
        ],
      },
    },
  ],
  'admin_tier/standard-port-range-rules-combined.yaml': [
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'port-range-rules' },
      spec: {
        tier: 'Admin',
        priority: 9,
        subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } },
        egress: [
          {
            name: 'allow-to-ravenclaw-tcp-port-range',
            action: 'Accept',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
            protocols: [{ tcp: { destinationPort: { range: { start: 80, end: 8080 } } } }],
          },
          {
            name: 'allow-to-hufflepuff-udp-port-range',
            action: 'Accept',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
            protocols: [{ udp: { destinationPort: { range: { start: 53, end: 5353 } } } }],
          },
          {
            name: 'allow-to-slytherin-sctp-port-range',
            action: 'Accept',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [{ sctp: { destinationPort: { range: { start: 9003, end: 9005 } } } }],
          },
          {
            name: 'deny-all-egress',
            action: 'Deny',
            to: [{ namespaces: { matchExpressions: [{ key: 'conformance-house', operator: 'Exists' }] } }],
          },
        ],
        ingress: [
          {
            name: 'allow-from-ravenclaw-tcp-port-range',
            action: 'Accept',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
            protocols: [{ tcp: { destinationPort: { range: { start: 80, end: 8080 } } } }],
          },
          {
            name: 'allow-from-hufflepuff-udp-port-range',
            action: 'Accept',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
            protocols: [{ udp: { destinationPort: { range: { start: 53, end: 5353 } } } }],
          },
          {
            name: 'allow-from-slytherin-sctp-port-range',
            action: 'Accept',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [{ sctp: { destinationPort: { range: { start: 9003, end: 9005 } } } }],
          },
          {
            name: 'deny-all-ingress',
            action: 'Deny',
            from: [{ namespaces: { matchExpressions: [{ key: 'conformance-house', operator: 'Exists' }] } }],
          },
        ],
      },
    },
  ],
  'admin_tier/standard-priority-field.yaml': [
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'priority-50-example' },
      spec: {
        tier: 'Admin',
        priority: 50,
        subject: {
          pods: {
            namespaceSelector: { matchLabels: { 'conformance-house': 'gryffindor' } },
            podSelector: { matchLabels: { 'conformance-house': 'gryffindor' } },
          },
        },
        ingress: [
          {
            name: 'deny-all-ingress-from-slytherin',
            action: 'Deny',
            from: [
              {
                pods: {
                  namespaceSelector: { matchLabels: { 'conformance-house': 'slytherin' } },
                  podSelector: { matchLabels: { 'conformance-house': 'slytherin' } },
                },
              },
            ],
          },
        ],
        egress: [
          {
            name: 'deny-all-egress-to-slytherin',
            action: 'Deny',
            to: [
              {
                pods: {
                  namespaceSelector: { matchLabels: { 'conformance-house': 'slytherin' } },
                  podSelector: { matchLabels: { 'conformance-house': 'slytherin' } },
                },
              },
            ],
          },
        ],
      },
    },
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'old-priority-60-new-priority-40-example' },
      spec: {
        tier: 'Admin',
        priority: 60,
        subject: {
          pods: {
            namespaceSelector: { matchLabels: { 'conformance-house': 'gryffindor' } },
            podSelector: { matchLabels: { 'conformance-house': 'gryffindor' } },
          },
        },
        ingress: [
          {
            name: 'pass-all-ingress-from-slytherin',
            action: 'Pass',
            from: [
              {
                pods: {
                  namespaceSelector: { matchLabels: { 'conformance-house': 'slytherin' } },
                  podSelector: { matchLabels: { 'conformance-house': 'slytherin' } },
                },
              },
            ],
          },
        ],
        egress: [
          {
            name: 'pass-all-egress-to-slytherin',
            action: 'Pass',
            to: [
              {
                pods: {
                  namespaceSelector: { matchLabels: { 'conformance-house': 'slytherin' } },
                  podSelector: { matchLabels: { 'conformance-house': 'slytherin' } },
                },
              },
            ],
          },
        ],
      },
    },
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'default' },
      spec: {
        tier: 'Baseline',
        priority: 10,
        subject: {
          pods: {
            namespaceSelector: { matchLabels: { 'conformance-house': 'gryffindor' } },
            podSelector: { matchLabels: { 'conformance-house': 'gryffindor' } },
          },
        },
        ingress: [
          {
            name: 'allow-all-ingress-from-slytherin',
            action: 'Accept',
            from: [
              {
                pods: {
                  namespaceSelector: { matchLabels: { 'conformance-house': 'slytherin' } },
                  podSelector: { matchLabels: { 'conformance-house': 'slytherin' } },
                },
              },
            ],
          },
        ],
        egress: [
          {
            name: 'allow-all-egress-to-slytherin',
            action: 'Accept',
            to: [
              {
                pods: {
                  namespaceSelector: { matchLabels: { 'conformance-house': 'slytherin' } },
                  podSelector: { matchLabels: { 'conformance-house': 'slytherin' } },
                },
              },
            ],
          },
        ],
      },
    },
  ],
  'admin_tier/standard-same-priority.yaml': [
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'same-priority-gryffindor-slytherin' },
      spec: {
        tier: 'Admin',
        priority: 15,
        subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } },
        ingress: [
          {
            name: 'deny-from-slytherin-at-port-80',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [{ tcp: { destinationPort: { number: 80 } } }],
          },
        ],
        egress: [
          {
            name: 'deny-to-slytherin-at-port-80',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [{ tcp: { destinationPort: { number: 80 } } }],
          },
        ],
      },
    },
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'same-priority-gryffindor-hufflepuff' },
      spec: {
        tier: 'Admin',
        priority: 15,
        subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } },
        ingress: [
          {
            name: 'deny-from-hufflepuff-at-port-80',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
            protocols: [{ tcp: { destinationPort: { number: 80 } } }],
          },
        ],
        egress: [
          {
            name: 'deny-to-hufflepuff-at-port-80',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
            protocols: [{ tcp: { destinationPort: { number: 80 } } }],
          },
        ],
      },
    },
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'same-priority-hufflepuff-slytherin' },
      spec: {
        tier: 'Admin',
        priority: 15,
        subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } },
        ingress: [
          {
            name: 'deny-from-slytherin-at-port-8080',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [{ tcp: { destinationPort: { number: 8080 } } }],
          },
        ],
        egress: [
          {
            name: 'deny-to-slytherin-at-port-8080',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [{ tcp: { destinationPort: { number: 8080 } } }],
          },
        ],
      },
    },
  ],
  'api_integration/standard-anp-np-banp.yaml': [
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'pass-example' },
      spec: {
        tier: 'Admin',
        priority: 10,
        subject: { namespaces: { matchLabels: { 'conformance-house': 'gryffindor' } } },
        ingress: [
          {
            name: 'deny-all-ingress-from-slytherin',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'conformance-house': 'slytherin' } } }],
          },
        ],
        egress: [
          {
            name: 'deny-all-egress-to-slytherin',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'conformance-house': 'slytherin' } } }],
          },
        ],
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'allow-gress-from-to-slytherin-to-gryffindor', namespace: 'gryffindor' },
      spec: {
        podSelector: null,
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'conformance-house': 'slytherin' } } }] }],
        egress: [{ to: [{ namespaceSelector: { matchLabels: { 'conformance-house': 'slytherin' } } }] }],
      },
    },
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'default' },
      spec: {
        tier: 'Baseline',
        priority: 10,
        subject: { namespaces: { matchLabels: { 'conformance-house': 'gryffindor' } } },
        ingress: [
          {
            name: 'deny-all-ingress-from-slytherin',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'conformance-house': 'slytherin' } } }],
          },
        ],
        egress: [
          {
            name: 'deny-all-egress-to-slytherin',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'conformance-house': 'slytherin' } } }],
          },
        ],
      },
    },
  ],
  'baseline_tier/standard-egress-inline-cidr-rules.yaml': [
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'default' },
      spec: {
        tier: 'Baseline',
        priority: 10,
        subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } },
        egress: [
          {
            name: 'allow-egress-to-slytherin',
            action: 'Accept',
            to: [
              {
                pods: {
                  namespaceSelector: { matchLabels: { 'conformance-house': 'slytherin' } },
                  podSelector: { matchLabels: { 'conformance-house': 'slytherin' } },
                },
              },
            ],
          },
          { name: 'deny-egress-to-internet', action: 'Deny', to: [{ networks: ['0.0.0.0/0', '::/0'] }] },
        ],
      },
    },
  ],
  'baseline_tier/standard-egress-sctp-rules.yaml': [
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'default' },
      spec: {
        tier: 'Baseline',
        priority: 10,
        subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } },
        egress: [
          {
            name: 'allow-to-gryffindor-everything',
            action: 'Accept',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } }],
          },
          {
            name: 'deny-to-gryffindor-everything',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } }],
          },
          {
            name: 'deny-to-slytherin-at-port-9003',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [{ sctp: { destinationPort: { number: 9003 } } }],
          },
          {
            name: 'allow-to-hufflepuff-at-port-9003',
            action: 'Accept',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
            protocols: [{ sctp: { destinationPort: { number: 9003 } } }],
          },
          {
            name: 'deny-to-hufflepuff-everything-else',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
          },
        ],
      },
    },
  ],
  'baseline_tier/standard-egress-tcp-rules.yaml': [
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'default' },
      spec: {
        tier: 'Baseline',
        priority: 10,
        subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } },
        egress: [
          {
            name: 'allow-to-ravenclaw-everything',
            action: 'Accept',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
          },
          {
            name: 'deny-to-ravenclaw-everything',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
          },
          {
            name: 'deny-to-slytherin-at-port-80',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [{ tcp: { destinationPort: { number: 80 } } }],
          },
          {
            name: 'allow-to-hufflepuff-at-port-8080',
            action: 'Accept',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
            protocols: [{ tcp: { destinationPort: { number: 8080 } } }],
          },
          {
            name: 'deny-to-hufflepuff-everything-else',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
          },
        ],
      },
    },
  ],
  'baseline_tier/standard-egress-udp-rules.yaml': [
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'default' },
      spec: {
        tier: 'Baseline',
        priority: 10,
        subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } },
        egress: [
          {
            name: 'allow-to-ravenclaw-everything',
            action: 'Accept',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
          },
          {
            name: 'deny-to-ravenclaw-everything',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
          },
          {
            name: 'deny-to-slytherin-at-port-5353',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [{ udp: { destinationPort: { number: 5353 } } }],
          },
          {
            name: 'allow-to-gryffindor-at-port-53',
            action: 'Accept',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } }],
            protocols: [{ udp: { destinationPort: { number: 53 } } }],
          },
          {
            name: 'deny-to-gryffindor-everything-else',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } }],
          },
        ],
      },
    },
  ],
  'baseline_tier/standard-gress-rules-combined.yaml': [
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'default' },
      spec: {
        tier: 'Baseline',
        priority: 10,
        subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } },
        egress: [
          {
            name: 'allow-to-ravenclaw-everything',
            action: 'Accept',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
          },
          {
            name: 'deny-to-ravenclaw-everything',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
          },
          {
            name: 'deny-to-slytherin-at-ports-80-53-9003',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [
              { tcp: { destinationPort: { number: 80 } } },
              { udp: { destinationPort: { number: 53 } } },
              { sctp: { destinationPort: { number: 9003 } } },
            ],
          },
          {
            name: 'allow-to-hufflepuff-at-ports-8080-5353',
            action: 'Accept',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
            protocols: [
              { tcp: { destinationPort: { number: 8080 } } },
              { udp: { destinationPort: { number: 5353 } } },
              { sctp: { destinationPort: { number: 9003 } } },
            ],
          },
          {
            name: 'deny-to-hufflepuff-everything-else',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
          },
        ],
        ingress: [
          {
            name: 'allow-from-ravenclaw-everything',
            action: 'Accept',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
          },
          {
            name: 'deny-from-ravenclaw-everything',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
          },
          {
            name: 'deny-from-slytherin-at-port-80-53-9003',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [
              { tcp: { destinationPort: { number: 80 } } },
              { udp: { destinationPort: { number: 53 } } },
              { sctp: { destinationPort: { number: 9003 } } },
            ],
          },
          {
            name: 'allow-from-hufflepuff-at-port-80-5353-9003',
            action: 'Accept',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
            protocols: [
              { tcp: { destinationPort: { number: 80 } } },
              { udp: { destinationPort: { number: 5353 } } },
              { sctp: { destinationPort: { number: 9003 } } },
            ],
          },
          {
            name: 'deny-from-hufflepuff-everything-else',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
          },
        ],
      },
    },
  ],
  'baseline_tier/standard-ingress-sctp-rules.yaml': [
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'default' },
      spec: {
        tier: 'Baseline',
        priority: 10,
        subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } },
        ingress: [
          {
            name: 'allow-from-gryffindor-everything',
            action: 'Accept',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } }],
          },
          {
            name: 'deny-from-gryffindor-everything',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } }],
          },
          {
            name: 'deny-from-slytherin-at-port-9003',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [{ sctp: { destinationPort: { number: 9003 } } }],
          },
          {
            name: 'allow-from-hufflepuff-at-port-9003',
            action: 'Accept',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
            protocols: [{ sctp: { destinationPort: { number: 9003 } } }],
          },
          {
            name: 'deny-from-hufflepuff-everything-else',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
          },
        ],
      },
    },
  ],
  'baseline_tier/standard-ingress-tcp-rules.yaml': [
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'default' },
      spec: {
        tier: 'Baseline',
        priority: 10,
        subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } },
        ingress: [
          {
            name: 'allow-from-ravenclaw-everything',
            action: 'Accept',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
          },
          {
            name: 'deny-from-ravenclaw-everything',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
          },
          {
            name: 'deny-from-slytherin-at-port-80',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [{ tcp: { destinationPort: { number: 80 } } }],
          },
          {
            name: 'allow-from-hufflepuff-at-port-80',
            action: 'Accept',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
            protocols: [{ tcp: { destinationPort: { number: 80 } } }],
          },
          {
            name: 'deny-from-hufflepuff-everything-else',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
          },
        ],
      },
    },
  ],
  'baseline_tier/standard-ingress-udp-rules.yaml': [
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'default' },
      spec: {
        tier: 'Baseline',
        priority: 10,
        subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } },
        ingress: [
          {
            name: 'allow-from-ravenclaw-everything',
            action: 'Accept',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
          },
          {
            name: 'deny-from-ravenclaw-everything',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
          },
          {
            name: 'deny-from-slytherin-at-port-5353',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [{ udp: { destinationPort: { number: 5353 } } }],
          },
          {
            name: 'allow-from-gryffindor-at-port-53',
            action: 'Accept',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } }],
            protocols: [{ udp: { destinationPort: { number: 53 } } }],
          },
          {
            name: 'deny-from-gryffindor-everything-else',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } }],
          },
        ],
      },
    },
  ],
  'baseline_tier/standard-pod-selector-rules.yaml': [
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'pod-selector-rules' },
      spec: {
        tier: 'Baseline',
        priority: 10,
        subject: { pods: { podSelector: { matchLabels: { 'conformance-house': 'gryffindor' } } } },
        egress: [
          {
            name: 'allow-to-luna-lovegood-0-tcp-80',
            action: 'Accept',
            to: [
              {
                pods: {
                  namespaceSelector: { matchLabels: { 'conformance-house': 'ravenclaw' } },
                  podSelector: { matchLabels: { 'statefulset.kubernetes.io/pod-name': 'luna-lovegood-0' } },
                },
              },
            ],
            protocols: [{ tcp: { destinationPort: { number: 80 } } }],
          },
          {
            name: 'deny-to-ravenclaw-pods',
            action: 'Deny',
            to: [{ pods: { podSelector: { matchLabels: { 'conformance-house': 'ravenclaw' } } } }],
          },
        ],
        ingress: [
          {
            name: 'allow-from-draco-malfoy-0',
            action: 'Accept',
            from: [
              {
                pods: {
                  namespaceSelector: { matchLabels: { 'conformance-house': 'slytherin' } },
                  podSelector: { matchLabels: { 'statefulset.kubernetes.io/pod-name': 'draco-malfoy-0' } },
                },
              },
            ],
          },
          {
            name: 'deny-from-slytherin-pods',
            action: 'Deny',
            from: [{ pods: { podSelector: { matchLabels: { 'conformance-house': 'slytherin' } } } }],
          },
          {
            name: 'deny-from-blocked-hufflepuff-pods',
            action: 'Deny',
            from: [
              {
                pods: {
                  namespaceSelector: { matchLabels: { 'conformance-house': 'hufflepuff' } },
                  podSelector: { matchLabels: { 'conformance-role': 'blocked' } },
                },
              },
            ],
          },
        ],
      },
    },
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'label-selected-subject-rules' },
      spec: {
        tier: 'Baseline',
        priority: 10,
        subject: {
          pods: {
            namespaceSelector: { matchLabels: { 'conformance-house': 'ravenclaw' } },
            podSelector: { matchLabels: { 'conformance-role': 'restricted' } },
          },
        },
        egress: [
          {
            name: 'deny-to-slytherin',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
          },
        ],
      },
    },
  ],
  'baseline_tier/standard-port-range-rules-combined.yaml': [
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'port-range-rules' },
      spec: {
        tier: 'Baseline',
        priority: 10,
        subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } },
        egress: [
          {
            name: 'allow-to-ravenclaw-tcp-port-range',
            action: 'Accept',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
            protocols: [{ tcp: { destinationPort: { range: { start: 80, end: 8080 } } } }],
          },
          {
            name: 'allow-to-hufflepuff-udp-port-range',
            action: 'Accept',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
            protocols: [{ udp: { destinationPort: { range: { start: 53, end: 5353 } } } }],
          },
          {
            name: 'allow-to-slytherin-sctp-port-range',
            action: 'Accept',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [{ sctp: { destinationPort: { range: { start: 9003, end: 9005 } } } }],
          },
          {
            name: 'deny-all-egress',
            action: 'Deny',
            to: [{ namespaces: { matchExpressions: [{ key: 'conformance-house', operator: 'Exists' }] } }],
          },
        ],
        ingress: [
          {
            name: 'allow-from-ravenclaw-tcp-port-range',
            action: 'Accept',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ravenclaw' } } }],
            protocols: [{ tcp: { destinationPort: { range: { start: 80, end: 8080 } } } }],
          },
          {
            name: 'allow-from-hufflepuff-udp-port-range',
            action: 'Accept',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
            protocols: [{ udp: { destinationPort: { range: { start: 53, end: 5353 } } } }],
          },
          {
            name: 'allow-from-slytherin-sctp-port-range',
            action: 'Accept',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [{ sctp: { destinationPort: { range: { start: 9003, end: 9005 } } } }],
          },
          {
            name: 'deny-all-ingress',
            action: 'Deny',
            from: [{ namespaces: { matchExpressions: [{ key: 'conformance-house', operator: 'Exists' }] } }],
          },
        ],
      },
    },
  ],
  'baseline_tier/standard-same-priority.yaml': [
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'baseline-same-priority-gryffindor-slytherin' },
      spec: {
        tier: 'Baseline',
        priority: 10,
        subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } },
        ingress: [
          {
            name: 'deny-from-slytherin-at-port-80',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [{ tcp: { destinationPort: { number: 80 } } }],
          },
        ],
        egress: [
          {
            name: 'deny-to-slytherin-at-port-80',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [{ tcp: { destinationPort: { number: 80 } } }],
          },
        ],
      },
    },
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'baseline-same-priority-gryffindor-hufflepuff' },
      spec: {
        tier: 'Baseline',
        priority: 10,
        subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gryffindor' } } },
        ingress: [
          {
            name: 'deny-from-hufflepuff-at-port-80',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
            protocols: [{ tcp: { destinationPort: { number: 80 } } }],
          },
        ],
        egress: [
          {
            name: 'deny-to-hufflepuff-at-port-80',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } }],
            protocols: [{ tcp: { destinationPort: { number: 80 } } }],
          },
        ],
      },
    },
    {
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'baseline-same-priority-hufflepuff-slytherin' },
      spec: {
        tier: 'Baseline',
        priority: 10,
        subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'hufflepuff' } } },
        ingress: [
          {
            name: 'deny-from-slytherin-at-port-8080',
            action: 'Deny',
            from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [{ tcp: { destinationPort: { number: 8080 } } }],
          },
        ],
        egress: [
          {
            name: 'deny-to-slytherin-at-port-8080',
            action: 'Deny',
            to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'slytherin' } } }],
            protocols: [{ tcp: { destinationPort: { number: 8080 } } }],
          },
        ],
      },
    },
  ],
};
