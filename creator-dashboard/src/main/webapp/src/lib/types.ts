export type Platform = 'chaturbate' | 'stripchat' | 'other' | 'livekit';

export interface Session {
  id: string;
  creatorId?: string;
  platform: Platform;
  status: 'active' | 'ended';
  title: string | null;
  notes?: string | null;
  startedAt: string;
  endedAt: string | null;
  durationSeconds?: number;
  totalTipsCents: number;
  tipCount: number;
  currentViewers: number;
  peakViewers: number;
}

export interface SessionPage {
  items: Session[];
  page: number;
  size: number;
  total: number;
  totalPages: number;
}

export interface MenuItemRef {
  id: string;
  title: string;
  category: string;
  priceCents: number;
}

export interface Tip {
  id: string;
  sessionId?: string;
  amountCents: number;
  tipperName: string | null;
  message: string | null;
  source: string;
  test: boolean;
  receivedAt: string;
  menuItem: MenuItemRef | null;
}

export interface Goal {
  id: string;
  sessionId?: string;
  title: string;
  targetCents: number;
  currentCents: number;
  percentage: number;
  position?: number;
  completed: boolean;
}

export interface Note {
  id: string;
  sessionId: string;
  body: string;
  createdAt: string;
}

export type MenuCategory = 'performance' | 'request' | 'interaction' | 'custom';
export const MENU_CATEGORIES: MenuCategory[] = ['performance', 'request', 'interaction', 'custom'];

export interface MenuItem {
  id: string;
  title: string;
  description: string | null;
  priceCents: number;
  category: MenuCategory;
  active: boolean;
  position: number;
}

export type AnimationType = 'confetti' | 'hearts' | 'rain' | 'custom';
export const ANIMATION_TYPES: AnimationType[] = ['confetti', 'hearts', 'rain', 'custom'];

export interface AnimationRule {
  id: string;
  thresholdCents: number;
  type: AnimationType;
  active: boolean;
}

export interface Channel {
  creatorId: string;
  username: string | null;
  title: string;
  description: string | null;
  mode: string;
  isLive: boolean;
  liveSource: string | null;
  isChatEnabled: boolean;
  isChatDelayed: boolean;
  isChatFollowersOnly: boolean;
  viewerCount: number;
  ingress: { ingressId: string; inputType: string; serverUrl: string; streamKey: string } | null;
}

export interface LiveKitGrant {
  token: string;
  wsUrl: string;
  roomId: string;
  identity: string;
  name?: string;
  canPublishData?: boolean;
  guest?: boolean;
}

export interface PublicStream {
  username: string;
  creatorId: string;
  roomName: string;
  title: string;
  description: string | null;
  thumbnail: string | null;
  mode: string;
  isLive: boolean;
  viewerCount: number;
  isChatEnabled: boolean;
  isChatDelayed: boolean;
  isChatFollowersOnly: boolean;
}

export interface PublicMenuItem {
  id: string;
  title: string;
  description: string | null;
  priceCents: number;
  category: MenuCategory;
  position: number;
}
