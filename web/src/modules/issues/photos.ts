/**
 * Photos leave the phone small: redrawn on a canvas no larger than 1600 px and saved as JPEG. Redrawing
 * also drops the EXIF block (GPS position, camera serial) before anything is sent.
 */

export const MAX_PHOTOS = 9;
export const MAX_EDGE = 1600;
const QUALITY = 0.82;

/** The size to draw at: the longer edge at most `max`, the proportions kept, never enlarged. */
export function fitWithin(width: number, height: number, max: number = MAX_EDGE): { width: number; height: number } {
  if (width <= 0 || height <= 0) return { width: 0, height: 0 };
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** How many more photos fit, given those already chosen. */
export function photosLeft(chosen: number, max: number = MAX_PHOTOS): number {
  return Math.max(0, max - chosen);
}

function loadImage(file: Blob): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const image = new Image();
    image.onload = () => {
      URL.revokeObjectURL(url);
      resolve(image);
    };
    image.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('unreadable image'));
    };
    image.src = url;
  });
}

/** A chosen picture as a JPEG data URL within MAX_EDGE (browsers draw it the right way up). */
export async function downscale(file: Blob, max: number = MAX_EDGE): Promise<string> {
  const image = await loadImage(file);
  const size = fitWithin(image.naturalWidth, image.naturalHeight, max);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no canvas');
  // JPEG has no transparency: a white ground instead of black behind transparent PNG pixels.
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, size.width, size.height);
  context.drawImage(image, 0, 0, size.width, size.height);
  return canvas.toDataURL('image/jpeg', QUALITY);
}
